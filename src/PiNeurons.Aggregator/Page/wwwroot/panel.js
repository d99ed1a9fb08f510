// The panel of the neuron clicked in the graph: its figures, its Kick and Fire buttons and, for a neuron that learns,
// its rule and the Teach buttons.

import { $, html } from './dom.js';
import { fmtNumber, fmtSeen, fmtVersion, shortLabel } from './format.js';
import { isDrawn, markSelected } from './graph.js';
import { fmtLearning } from './learning.js';
import { viewOf } from './store.js';

const panel = $('node-panel');
const panelTitle = $('node-panel-title');
const panelDetails = $('node-panel-details');
const panelTeach = $('node-panel-teach');
let selected = null; // the neuron whose panel is open

export const panelOpen = () => selected !== null;

export function openPanel(id) {
  selected = id;
  renderPanel();
  panel.hidden = false;
  panel.querySelector('button[data-action=kick]').focus();
}

export function closePanel() {
  selected = null;
  panel.hidden = true;
  markSelected(null);
}

/** After the graph is drawn again: the panel follows its neuron, or closes when it is gone. */
export function panelAfterDraw() {
  if (!selected) return;
  if (isDrawn(selected)) renderPanel(); else closePanel();
}

/** After a neuron's figures changed. */
export function panelNeuronChanged(id) {
  if (selected === id && isDrawn(id)) renderPanel();
}

// How often the neuron says it beats, and when the aggregator last heard it say anything fresh.
function fmtHeartbeat(v) {
  const heard = v.lastHeardAt ? `last heard ${fmtSeen(v.lastHeardAt)}` : 'nothing fresh heard yet';
  return v.heartbeatSeconds ? `every ${v.heartbeatSeconds} s, ${heard}` : `none announced, ${heard}`;
}

function renderPanel() {
  const v = viewOf(selected);
  panel.dataset.neuron = selected;
  panelTitle.textContent = selected;
  markSelected(selected);
  const cfg = v.config || {};
  const weights = v.weights ? Object.entries(v.weights).map(([k, w]) => `${k} ${fmtNumber(w)}`).join(', ') : '';
  // The version's commit is cut to 7 digits; the whole string is the tooltip, for telling builds apart.
  const rows = [
    ['status', v.livenessReason && v.liveness !== 'online' ? `${v.liveness}: ${v.livenessReason}` : v.liveness, { 'data-field': 'liveness' }],
    ['heartbeat', fmtHeartbeat(v), { 'data-field': 'heartbeat' }],
    ['version', fmtVersion(v.version), { 'data-field': 'version', title: v.version || 'not published by this node' }],
    ['threshold', fmtNumber(v.threshold)], ['fired', fmtNumber(v.firedCount)],
    ['missing events', String(v.missingSeqs || 0)], ['weights', weights || '—'],
    ['connections', (cfg.connections || []).join(', ') || '—'],
    ['learning', fmtLearning(cfg.learning) || v.learning || 'none', { 'data-field': 'learning' }],
  ];
  panelDetails.replaceChildren(...rows.flatMap(([k, val, attrs]) => [html('dt', {}, k), html('dd', attrs, val)]));
  for (const b of panel.querySelectorAll('button[data-action=kick], button[data-action=fire]')) {
    b.dataset.target = selected;
    b.textContent = `${b.dataset.action === 'kick' ? 'Kick' : 'Fire'} ${shortLabel(selected, 12)}`;
  }
  // Teaching says what the neuron should have done: only the perceptron rule learns from it (docs/protocol.md, "Learning").
  panelTeach.hidden = v.learning !== 'perceptron';
  for (const b of panelTeach.querySelectorAll('button[data-action=teach]')) b.dataset.target = selected;
}
