// What the page knows: the neurons, the topology and the events the API and the stream gave, and each
// neuron's view model. No DOM: the modules that draw read from here.

import { ruleOf } from './learning.js';

const EVENTS_KEPT = 5000; // events kept in memory for client-side filtering

/** id -> the object of GET /api/neurons (status, liveness, version, state, counters). */
export const neurons = new Map();
/** The last GET /api/topology. */
export let topology = { nodes: [], edges: [] };
/** store id -> event, every event loaded or streamed (capped). */
export const events = new Map();
/**
 * id -> { weights: { from: weight }, threshold } that learned events gave and the neuron's state does not say yet.
 * The neuron republishes its state after learning, but `neuron` messages that only move its counters still carry the
 * state before: these hold until a state with another config arrives, which says what the events said, or more.
 */
const learned = new Map();

const configOf = (n) => JSON.stringify((n && n.state && n.state.config) || null);

function keep(n) {
  const before = neurons.get(n.id);
  neurons.set(n.id, n);
  if (configOf(before) !== configOf(n)) learned.delete(n.id);
  return before;
}

export function setTopology(t) {
  topology = t;
  // The server's topology is built from the states: what learned events said since is laid over it.
  for (const e of topology.edges) {
    const w = learned.get(e.to)?.weights[e.from];
    if (w !== undefined) e.weight = w;
  }
  for (const node of topology.nodes) {
    const th = learned.get(node.id)?.threshold;
    if (th !== undefined) node.threshold = th;
  }
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
  const ids = new Set(list.map((n) => n.id));
  for (const id of [...neurons.keys()]) if (!ids.has(id)) neurons.delete(id);
  for (const n of list) keep(n);
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
  neurons.set(id, { id, status: 'unknown', liveness: 'unknown', version: null, state: null, counters: null });
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
 *  connections, or another version: the topology says whether the cluster's versions are mixed). New weights need no
 *  fetch: edgesWeightedBy writes them from the state, as a learning rule may move them with every firing. */
export function applyNeuron(n) {
  const before = keep(n);
  const shape = (x) => JSON.stringify(x && x.state && x.state.config ? x.state.config.connections || [] : null);
  return !topology.nodes.some((t) => t.id === n.id) || !before || shape(before) !== shape(n) || (before.version || null) !== (n.version || null);
}

/**
 * Applies what a learned event changed before the neuron's republished state confirms it (docs/aggregator-api.md,
 * `learned`): the weight `neuron` gives `from`, which is the edge from -> neuron, or the neuron's threshold. Returns
 * { edge } (the topology edge, when the connection is drawn) or { node } (the neuron's id), or null when it names neither.
 */
export function applyLearned(e) {
  const l = e.learned;
  if (!l || typeof l.new !== 'number' || !(l.field === 'threshold' || (l.field === 'weight' && e.from))) return null;
  if (!learned.has(e.neuron)) learned.set(e.neuron, { weights: {} });
  const o = learned.get(e.neuron);
  if (l.field === 'weight') {
    o.weights[e.from] = l.new;
    const edge = topology.edges.find((x) => x.from === e.from && x.to === e.neuron);
    if (edge) edge.weight = l.new;
    return { edge: edge || null };
  }
  o.threshold = l.new;
  const t = topology.nodes.find((x) => x.id === e.neuron);
  if (t) t.threshold = l.new;
  return { node: e.neuron };
}

/** Gives the edges into `id` the weights of its state as last received (as the server's topology does: a connection
 *  without a weight weighs 0), when that state is known; returns the edges whose weight changed. */
export function edgesWeightedBy(id) {
  const n = neurons.get(id);
  const config = n && n.state && n.state.config;
  if (!config) return [];
  const changed = [];
  const weights = weightsOf(id, config);
  for (const e of topology.edges) {
    if (e.to !== id) continue;
    const w = weights[e.from];
    const weight = typeof w === 'number' ? w : 0;
    if (e.weight !== weight) {
      e.weight = weight;
      changed.push(e);
    }
  }
  return changed;
}

const weightsOf = (id, config) => ({ ...((config && config.weights) || {}), ...(learned.get(id)?.weights || {}) });

// ---- the neuron's view model: topology node + /api/neurons object, whichever is newer ------------

export function viewOf(id) {
  const t = topology.nodes.find((n) => n.id === id) || { id };
  const n = neurons.get(id);
  const state = n && n.state;
  const counters = (n && n.counters) || null;
  const learnedThreshold = learned.get(id)?.threshold;
  const status = (n && n.status) || t.status || 'unknown';
  return {
    id,
    layer: t.layer ?? 0,
    status,
    // What the aggregator makes of the neuron's silence (docs/aggregator-api.md); an aggregator older than liveness
    // sends only the status, which then says it all.
    liveness: (n && n.liveness) || status,
    livenessReason: (n && n.livenessReason) || null,
    // Offline while its status does not say so: it fell silent (missed heartbeats), it did not stop cleanly.
    silent: Boolean(n && n.liveness === 'offline' && n.status !== 'offline'),
    heartbeatSeconds: (n && n.heartbeatSeconds) || null,
    lastHeardAt: (n && n.lastHeardAt) || null,
    version: (n && n.version) || null,
    threshold: learnedThreshold ?? (state && state.config ? state.config.threshold : t.threshold),
    firedCount: state && typeof state.firedCount === 'number' ? state.firedCount : t.firedCount,
    missingSeqs: counters ? counters.missingSeqs : (t.missingSeqs || 0),
    counters,
    config: state ? state.config : null,
    weights: state && state.config ? weightsOf(id, state.config) : null,
    learning: state ? ruleOf(state.config && state.config.learning) : (t.learning ?? null),
  };
}
