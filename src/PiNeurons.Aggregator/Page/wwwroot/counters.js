// The counters table (a row per neuron with its Kick and Fire buttons) and the summary in the top bar.

import { $, html } from './dom.js';
import { byId, fmtSeen, shortLabel } from './format.js';
import { knownIds, topology, viewOf } from './store.js';
import { setNeuronChoices } from './timeline.js';

const body = $('counters-body');
const summary = $('summary');
/** id -> <tr> of the counters table. */
const counterRows = new Map();

export function renderCounters() {
  const ids = knownIds().sort(byId);
  counterRows.clear();
  body.replaceChildren(...ids.map((id) => {
    const tr = html('tr', { 'data-counter-neuron': id });
    counterRows.set(id, tr);
    fillCounterRow(id, tr);
    return tr;
  }));
  setNeuronChoices(ids);
  renderSummary();
}

function fillCounterRow(id, tr) {
  const v = viewOf(id);
  const c = v.counters || {};
  const n = (x) => (x === undefined || x === null ? '—' : String(x));
  const name = html('td', { class: 'neuron' });
  // A dot for the eye, the word for screen readers; offline and stale are also written out, colour is not the only signal.
  const live = v.liveness;
  const said = v.livenessReason && live !== 'online' ? `${live}: ${v.livenessReason}` : live;
  name.append(html('span', { class: `status-dot ${live}`, title: said, 'aria-hidden': 'true' }),
    html('span', { class: 'sr-only' }, `${said} `), html('span', { class: 'name', title: id }, shortLabel(id, 14)));
  if (live !== 'online') {
    const word = live === 'offline' || live === 'stale' ? live : '?';
    name.appendChild(html('span', { class: `status-word ${live}`, title: said, 'aria-hidden': 'true' }, word));
  }
  tr.classList.toggle('offline', live === 'offline');
  tr.classList.toggle('stale', live === 'stale');
  // data-label names the figure where a phone shows the row as a card, without the header row.
  const num = (label, x, warn) => html('td', { class: `num${warn ? ' warn' : ''}`, 'data-label': label }, n(x));
  const actions = html('td', { class: 'actions' });
  actions.append(
    html('button', { type: 'button', class: 'small', 'data-action': 'kick', 'data-target': id, title: `Kick ${id}` }, 'Kick'),
    html('button', { type: 'button', class: 'small danger', 'data-action': 'fire', 'data-target': id, title: `Fire ${id}` }, 'Fire'));
  tr.replaceChildren(name, num('kicks', c.kicks), num('fires', c.fires), num('refr.', c.refractory),
    num('errors', c.errors, c.errors > 0), num('missing', c.missingSeqs, c.missingSeqs > 0),
    html('td', { class: 'time', title: c.lastSeen || 'no event yet', 'data-label': 'last seen' }, fmtSeen(c.lastSeen)), actions);
}

export function updateCounterRow(id) {
  const tr = counterRows.get(id);
  if (tr) fillCounterRow(id, tr); else renderCounters();
}

export function renderSummary() {
  const all = knownIds();
  const online = all.filter((id) => viewOf(id).liveness === 'online').length;
  const stale = all.filter((id) => viewOf(id).liveness === 'stale').length;
  summary.textContent = `${all.length} neurons · ${online} online${stale ? ` · ${stale} stale` : ''} · ${topology.edges.length} connections`;
}
