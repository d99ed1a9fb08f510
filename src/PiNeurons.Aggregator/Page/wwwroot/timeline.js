// The merged timeline: newest first, filtered by neuron and type, from /api/events and then the stream.

import { getJson } from './client.js';
import { $, html } from './dom.js';
import { fmtTime } from './format.js';
import { fmtChange } from './learning.js';
import { events, remember } from './store.js';

const TIMELINE_FETCH = 200;
const TIMELINE_ROWS = 500; // rows kept in the DOM

const body = $('timeline-body');
const empty = $('timeline-empty');
const filterNeuron = $('filter-neuron');
const filterType = $('filter-type');

const filter = () => ({ neuron: filterNeuron.value, type: filterType.value });
const matches = (e, f) => (!f.neuron || e.neuron === f.neuron) && (!f.type || e.type === f.type);

function timelineRow(e) {
  const tr = html('tr', { 'data-event-id': String(e.id), 'data-neuron': e.neuron, 'data-type': e.type, class: `ev-${e.type}` });
  const time = html('td', { class: 'time', title: `at ${e.at || '?'}, received ${e.receivedAt || '?'}` }, fmtTime(e.at || e.receivedAt));
  const type = html('td');
  type.appendChild(html('span', { class: `type type-${e.type}` }, e.type));
  if (e.learned) type.appendChild(html('span', { class: 'change' }, fmtChange(e.learned)));
  if (e.reason) type.appendChild(html('span', { class: 'reason', title: e.reason }, e.reason));
  tr.append(time, html('td', { class: 'neuron' }, e.neuron), type, html('td', { class: 'from' }, e.from ?? ''),
    html('td', { class: 'num' }, e.seq ?? ''), html('td', { class: 'num' }, e.hop ?? ''));
  return tr;
}

export function renderTimeline() {
  const f = filter();
  const rows = [...events.values()].filter((e) => matches(e, f)).sort((a, b) => b.id - a.id).slice(0, TIMELINE_ROWS);
  body.replaceChildren(...rows.map(timelineRow));
  empty.hidden = rows.length > 0;
}

export function addToTimeline(e) {
  if (!matches(e, filter())) return;
  const row = timelineRow(e);
  // Newest first; an event replayed after a reconnect may be older than the top row.
  let before = body.firstElementChild;
  while (before && Number(before.dataset.eventId) > e.id) before = before.nextElementSibling;
  body.insertBefore(row, before);
  while (body.childElementCount > TIMELINE_ROWS) body.lastElementChild.remove();
  empty.hidden = true;
}

let timelineQuery = 0;
export async function loadEvents() {
  const f = filter();
  const query = ++timelineQuery;
  const params = new URLSearchParams({ limit: String(TIMELINE_FETCH) });
  if (f.neuron) params.set('neuron', f.neuron);
  if (f.type) params.set('type', f.type);
  const response = await getJson(`api/events?${params}`);
  for (const e of response.events || []) remember(e);
  if (query === timelineQuery) renderTimeline();
}

/** The neuron filter follows the known neurons, keeping the current choice. */
export function setNeuronChoices(ids) {
  const current = filterNeuron.value;
  filterNeuron.replaceChildren(html('option', { value: '' }, 'all'), ...ids.map((id) => html('option', { value: id }, id)));
  if (current && !ids.includes(current)) filterNeuron.appendChild(html('option', { value: current }, current));
  filterNeuron.value = current;
}
