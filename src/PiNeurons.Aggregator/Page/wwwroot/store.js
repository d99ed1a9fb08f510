// What the page knows: the neurons, the topology and the events the API and the stream gave, and each
// neuron's view model. No DOM: the modules that draw read from here.

const EVENTS_KEPT = 5000; // events kept in memory for client-side filtering

/** id -> the object of GET /api/neurons (status, version, state, counters). */
export const neurons = new Map();
/** The last GET /api/topology. */
export let topology = { nodes: [], edges: [] };
/** store id -> event, every event loaded or streamed (capped). */
export const events = new Map();

export function setTopology(t) {
  topology = t;
}

/** Takes the edges' latencies of a fresher topology (nothing else of it); returns the edges whose latency changed. */
export function applyLatencies(fresh) {
  const byKey = new Map(topology.edges.map((e) => [`${e.from} ${e.to}`, e]));
  const changed = [];
  for (const f of fresh.edges || []) {
    const e = byKey.get(`${f.from} ${f.to}`);
    if (e && JSON.stringify(e.latency ?? null) !== JSON.stringify(f.latency ?? null)) {
      e.latency = f.latency;
      changed.push(e);
    }
  }
  return changed;
}

export function setNeurons(list) {
  neurons.clear();
  for (const n of list) neurons.set(n.id, n);
}

/** Every neuron id the API or the topology named. */
export const knownIds = () => [...new Set([...neurons.keys(), ...topology.nodes.map((n) => n.id)])];

export function remember(e) {
  events.set(e.id, e);
  // Trimmed in batches, so a busy network does not pay a sort per event.
  if (events.size > EVENTS_KEPT * 1.1) {
    const oldest = [...events.keys()].sort((a, b) => a - b).slice(0, events.size - EVENTS_KEPT);
    oldest.forEach((k) => events.delete(k));
  }
}

/** Adds a neuron only its events named so far; true when it was new (the topology must then be fetched). */
export function ensureNeuron(id) {
  if (neurons.has(id)) return false;
  neurons.set(id, { id, status: 'unknown', version: null, state: null, counters: null });
  return true;
}

/** Counts a streamed event in its neuron's counters; false when they already included it. */
export function countEvent(e) {
  const neuron = neurons.get(e.neuron);
  const c = neuron.counters || (neuron.counters = { events: 0, kicks: 0, fires: 0, refractory: 0, errors: 0, lastSeq: 0, missingSeqs: 0, lastSeen: null });
  // Counted once: a `neuron` message may already include this event (its counters carry lastSeq).
  if (typeof e.seq === 'number' && e.seq <= (c.lastSeq || 0)) return false;
  c.events += 1;
  if (e.type === 'kicked') c.kicks += 1;
  if (e.type === 'fired') {
    c.fires += 1;
    if (neuron.state && typeof neuron.state.firedCount === 'number') neuron.state.firedCount += 1;
    else { const t = topology.nodes.find((x) => x.id === e.neuron); if (t && typeof t.firedCount === 'number') t.firedCount += 1; }
  }
  if (e.type === 'refractory') c.refractory += 1;
  if (e.type === 'error') c.errors += 1;
  if (typeof e.seq === 'number') c.lastSeq = e.seq;
  c.lastSeen = e.receivedAt || e.at || c.lastSeen;
  return true;
}

/** Keeps a streamed `neuron` message; true when the topology must be fetched again (a new neuron, new
 *  connections or weights, or another version: the topology says whether the cluster's versions are mixed). */
export function applyNeuron(n) {
  const before = neurons.get(n.id);
  neurons.set(n.id, n);
  const shape = (x) => JSON.stringify(x && x.state && x.state.config ? [x.state.config.connections || [], x.state.config.weights || {}] : null);
  return !topology.nodes.some((t) => t.id === n.id) || !before || shape(before) !== shape(n) || (before.version || null) !== (n.version || null);
}

// ---- the neuron's view model: topology node + /api/neurons object, whichever is newer ------------

export function viewOf(id) {
  const t = topology.nodes.find((n) => n.id === id) || { id };
  const n = neurons.get(id);
  const state = n && n.state;
  const counters = (n && n.counters) || null;
  return {
    id,
    layer: t.layer ?? 0,
    status: (n && n.status) || t.status || 'unknown',
    version: (n && n.version) || null,
    threshold: state && state.config ? state.config.threshold : t.threshold,
    firedCount: state && typeof state.firedCount === 'number' ? state.firedCount : t.firedCount,
    missingSeqs: counters ? counters.missingSeqs : (t.missingSeqs || 0),
    counters,
    config: state ? state.config : null,
  };
}
