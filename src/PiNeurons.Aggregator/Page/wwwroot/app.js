// The aggregator's live page: the network as a layered SVG graph, the merged timeline and the counters,
// kept live from /api/stream. Plain JavaScript modules, no framework, nothing fetched from anywhere but the
// aggregator. This one loads the data and wires the others together; the HTTP contract is docs/aggregator-api.md.

import { getJson, openStream } from './client.js';
import { command, restoreToken, tokenEdited } from './commands.js';
import { renderCounters, renderSummary, updateCounterRow } from './counters.js';
import { $ } from './dom.js';
import { PHONE, draw, flash, flashLog, pulseEdge, pulseNode, toggleZoom, updateEdge, updateNode } from './graph.js';
import { closePanel, openPanel, panelAfterDraw, panelNeuronChanged, panelOpen } from './panel.js';
import { setConnection, showStatus } from './status.js';
import {
  applyLatencies, applyLearned, applyNeuron, countEvent, edgesWeightedBy, ensureNeuron, events, neurons, remember, setNeurons, setTopology, topology,
} from './store.js';
import { addToTimeline, loadEvents, renderTimeline } from './timeline.js';
import { renderVersions } from './versions.js';

// The hook for tests and for people debugging: every fired event applied live, in arrival order.
const hook = { flashLog, neurons, events, get topology() { return topology; }, connection: 'connecting' };
window.piNeurons = hook;

function redraw() {
  draw();
  panelAfterDraw();
}

function neuronChanged(id) {
  updateNode(id);
  panelNeuronChanged(id);
}

// A learning rule changed a weight or a threshold: shown at once from the event, before the republished state.
function learned(e) {
  const change = applyLearned(e);
  if (!change) return;
  if (change.edge) {
    updateEdge(change.edge);
    pulseEdge(change.edge.from, change.edge.to);
  }
  if (change.node) pulseNode(change.node);
  neuronChanged(e.neuron);
}

// ---- data loading -----------------------------------------------------------------------------------------

async function loadNeurons() {
  setNeurons(await getJson('api/neurons'));
}

async function loadTopology() {
  setTopology(await getJson('api/topology'));
  renderVersions();
  redraw();
  renderCounters();
}

// A burst of changes (a whole network coming online) costs one topology fetch, not one per neuron.
let topologyPending = null;
function refreshTopology() {
  if (topologyPending) return;
  topologyPending = setTimeout(async () => {
    try {
      await loadTopology();
    } catch (err) {
      showStatus('error', `Could not refresh the topology: ${err.message}`);
    } finally {
      topologyPending = null;
    }
  }, 50);
}

// Each fired or kicked event may complete a pair, which moves its edge's latency: while they flow, the latencies are
// fetched again at most once a second and written in place (a redraw would cut the flashes short).
const LATENCY_REFRESH_MS = 1000;
let latencyPending = null;
function refreshLatencySoon() {
  if (latencyPending) return;
  latencyPending = setTimeout(async () => {
    try {
      for (const e of applyLatencies(await getJson('api/topology'))) updateEdge(e);
    } catch {
      // The next event tries again; the figures stay as they were meanwhile.
    } finally {
      latencyPending = null;
    }
  }, LATENCY_REFRESH_MS);
}

async function loadAll() {
  try {
    await Promise.all([loadNeurons(), (async () => { setTopology(await getJson('api/topology')); })()]);
    renderVersions();
    redraw();
    renderCounters();
    await loadEvents();
  } catch (err) {
    showStatus('error', `Could not load the network: ${err.message}. Retrying…`);
    setTimeout(loadAll, 3000);
  }
}

// ---- live stream ---------------------------------------------------------------------------------------------

function onNeuronEvent(e) {
  // The flash first: it must show within the 100 ms the contract allows, before any other DOM work.
  if (e.type === 'fired' && !events.has(e.id)) flash(e.neuron, e.id);
  const fresh = !events.has(e.id);
  remember(e);
  if (!fresh) return;
  addToTimeline(e);
  if (e.type === 'fired' || e.type === 'kicked') refreshLatencySoon();
  if (e.type === 'learned') learned(e);
  if (ensureNeuron(e.neuron)) refreshTopology();
  if (!countEvent(e)) return;
  neuronChanged(e.neuron);
  updateCounterRow(e.neuron);
}

function onNeuron(n) {
  if (applyNeuron(n)) {
    refreshTopology();
  } else {
    // Its state carries the weights of the edges into it, which a republished state after learning may have moved.
    for (const e of edgesWeightedBy(n.id)) updateEdge(e);
    neuronChanged(n.id);
  }
  updateCounterRow(n.id);
  renderSummary();
}

// ---- wiring -----------------------------------------------------------------------------------------------------

restoreToken();
// Enter in the token field must not submit (reload) the page.
$('token-form').addEventListener('submit', (ev) => ev.preventDefault());
$('operator-token').addEventListener('input', tokenEdited);

const nodes = $('nodes');
nodes.addEventListener('click', (ev) => {
  const g = ev.target.closest('[data-neuron]');
  if (g) openPanel(g.dataset.neuron);
});
nodes.addEventListener('keydown', (ev) => {
  const g = ev.target.closest('[data-neuron]');
  if (g && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); openPanel(g.dataset.neuron); }
});
document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape' && panelOpen()) closePanel(); });
document.addEventListener('click', (ev) => {
  const b = ev.target.closest('button[data-action]');
  if (!b) return;
  if (b.dataset.action === 'close') closePanel();
  else if (b.dataset.target) command(b.dataset.target, b.dataset.action, b.dataset.teach === undefined ? undefined : { target: Number(b.dataset.teach) });
});
$('zoom-toggle').addEventListener('click', toggleZoom);
// A phone turned sideways (or a window narrowed) gets the other geometry.
PHONE.addEventListener('change', redraw);
const onFilter = () => {
  renderTimeline(); // at once, over what is loaded
  loadEvents().catch((err) => showStatus('error', `Could not load the timeline: ${err.message}`));
};
$('filter-neuron').addEventListener('change', onFilter);
$('filter-type').addEventListener('change', onFilter);

// The stream opens before the first fetch, so nothing falls between the two (duplicates merge by id).
openStream({
  neuronEvent: onNeuronEvent,
  neuron: onNeuron,
  state: (state) => { setConnection(state); hook.connection = state; },
  // After a reconnect the events come back through Last-Event-ID; status and topology may have moved.
  reopened: () => { loadNeurons().then(loadTopology).catch(() => {}); },
  // A new stream sends no Last-Event-ID: reload what may have been missed.
  restarted: () => { loadEvents().catch(() => {}); },
});
loadAll();
