// The network drawn in the page's SVG: the nodes, the edges with their weights and latencies, the zoom, the flash
// of a neuron that fires and the pulse of a connection or threshold that learned. Positions come from layout.js; the
// figures from store.js.

import { $, svg } from './dom.js';
import { byId, fmtNumber, shortLabel } from './format.js';
import { latencyFigure, latencyLines } from './latency.js';
import { edgeCurve, layout } from './layout.js';
import { topology, viewOf } from './store.js';

const FLASH_MS = 400;
const LEARN_MS = 1500;
const FLASH_LOG_KEPT = 5000;
// The phone layout of app.css (same query): the graph is then only as wide as the screen.
export const PHONE = window.matchMedia('(max-width: 600px)');

const graph = $('graph');
const graphTitle = $('graph-title');
const graphEmpty = $('graph-empty');
const edgesGroup = $('edges');
const edgeLabels = $('edge-labels');
const nodesGroup = $('nodes');
const zoom = $('zoom-toggle');

/** id -> { g, rect, stats, statusText, badge, badgeText, learning, learningRect, learningText, title, timer, dense } of the drawn node. */
const nodeViews = new Map();
/** source id -> edge <path>s leaving it (they light up when it fires). */
const edgesFrom = new Map();
/** "from to" -> { path, title, dense, label, rect, weight, latency, labelTitle } of the drawn edge. */
const edgeViews = new Map();
const edgeKey = (from, to) => `${from} ${to}`;
/** "edge from to" or "node id" -> when its learning pulse ends (performance.now()), so a redraw keeps it going. */
const pulses = new Map();
let fitToView = true;

/** Every fired event applied live, in arrival order (the page's hook for tests exposes it). */
export const flashLog = [];

export const isDrawn = (id) => nodeViews.has(id);

export function draw() {
  const { nodes, edges } = topology;
  const L = layout(nodes, edges, PHONE.matches);
  graph.classList.toggle('dense', L.dense);
  graph.setAttribute('viewBox', `0 0 ${L.width} ${L.height}`);
  graph.dataset.nodes = String(nodes.length);
  graph.dataset.edges = String(edges.length);
  applyZoom(L);
  graphEmpty.hidden = nodes.length > 0;
  graphTitle.textContent = `Neuron network: ${nodes.length} neurons, ${edges.length} connections`;

  edgesGroup.replaceChildren();
  edgeLabels.replaceChildren();
  edgesFrom.clear();
  edgeViews.clear();
  const { w, h } = L.g;
  for (const e of edges) {
    const a = L.pos.get(e.from);
    const b = L.pos.get(e.to);
    if (!a || !b) continue;
    const { d, mid } = edgeCurve(a, b, L);
    const path = svg('path', { d, class: 'edge', 'data-from': e.from, 'data-to': e.to }, edgesGroup);
    const view = { path, title: svg('title', {}, path), dense: L.dense };
    if (!edgesFrom.has(e.from)) edgesFrom.set(e.from, []);
    edgesFrom.get(e.from).push(path);
    if (!L.dense) {
      view.label = svg('g', { class: 'edge-label', 'data-from': e.from, 'data-to': e.to, transform: `translate(${mid.x},${mid.y})` }, edgeLabels);
      view.labelTitle = svg('title', {}, view.label);
      view.rect = svg('rect', { y: -9, height: 18, rx: 9 }, view.label);
      view.weight = svg('text', { class: 'weight', 'text-anchor': 'middle', dy: '0.35em' }, view.label);
      view.latency = svg('text', { class: 'latency', 'text-anchor': 'middle', y: 19 }, view.label);
    }
    edgeViews.set(edgeKey(e.from, e.to), view);
    updateEdge(e);
    resumePulse(`edge ${edgeKey(e.from, e.to)}`, [path, view.label]);
  }

  for (const view of nodeViews.values()) clearTimeout(view.timer);
  nodeViews.clear();
  nodesGroup.replaceChildren();
  for (const n of [...nodes].sort((a, b) => byId(a.id, b.id))) {
    const p = L.pos.get(n.id);
    const g = svg('g', {
      class: 'node', 'data-neuron': n.id, transform: `translate(${p.x},${p.y})`,
      tabindex: '0', role: 'button', 'aria-haspopup': 'dialog',
    }, nodesGroup);
    const title = svg('title', {}, g);
    const rect = svg('rect', { class: 'body', width: w, height: h, rx: L.dense ? 6 : 10 }, g);
    const view = { g, rect, title, timer: 0, dense: L.dense };
    if (L.dense) {
      svg('circle', { class: 'status-dot', cx: 8, cy: h / 2, r: 3.5 }, g);
      svg('text', { class: 'id', x: 15, y: h / 2, dy: '0.35em' }, g).textContent = shortLabel(n.id, 7);
    } else {
      svg('circle', { class: 'status-dot', cx: 14, cy: 17, r: 5 }, g);
      svg('text', { class: 'id', x: 25, y: 17, dy: '0.35em' }, g).textContent = shortLabel(n.id, 10);
      view.stats = svg('text', { class: 'stats', x: 10, y: 36, dy: '0.35em' }, g);
      view.statusText = svg('text', { class: 'status-text', x: 10, y: 51, dy: '0.35em' }, g);
    }
    // The gap badge sits inside the node's top-right corner, so it never overlaps a neighbour.
    const bw = L.dense ? 20 : 34;
    view.badge = svg('g', { class: 'missing-badge', transform: `translate(${w - bw - 3},3)` }, g);
    svg('rect', { width: bw, height: L.dense ? 12 : 16, rx: L.dense ? 6 : 8 }, view.badge);
    view.badgeText = svg('text', { x: bw / 2, y: L.dense ? 6 : 8, dy: '0.35em', 'text-anchor': 'middle' }, view.badge);
    // The learning rule is a tab on the node's top border: inside, every row is taken by a figure.
    const lh = L.dense ? 10 : 14;
    view.learning = svg('g', { class: 'learning-badge', transform: `translate(${L.dense ? 4 : 10},${-lh / 2})` }, g);
    view.learningRect = svg('rect', { height: lh, rx: lh / 2 }, view.learning);
    view.learningText = svg('text', { y: lh / 2, dy: '0.35em', 'text-anchor': 'middle' }, view.learning);
    nodeViews.set(n.id, view);
    updateNode(n.id);
    resumePulse(`node ${n.id}`, [g]);
  }
}

/** Writes an edge of the topology (its weight and latency) on its drawn path and label, in place. */
export function updateEdge(e) {
  const view = edgeViews.get(edgeKey(e.from, e.to));
  if (!view) return;
  const { path } = view;
  const weight = e.weight;
  const kind = weight === null || weight === undefined ? 'unknown' : weight < 0 ? 'inhibitory' : 'excitatory';
  const width = weight === null || weight === undefined ? 1.2 : 1 + Math.min(Math.abs(weight), 4) * (view.dense ? 0.3 : 0.7);
  path.classList.remove('excitatory', 'inhibitory', 'unknown');
  path.classList.add(kind);
  path.dataset.weight = weight ?? '';
  path.setAttribute('stroke-width', width.toFixed(2));
  path.setAttribute('marker-end', `url(#arrow${kind === 'excitatory' ? '' : `-${kind}`})`);
  const title = [`${e.from} → ${e.to}: weight ${fmtNumber(weight)}${kind === 'inhibitory' ? ' (inhibitory)' : ''}`, ...latencyLines(e.latency)].join('\n');
  view.title.textContent = title;
  if (!view.label) return;
  view.label.classList.remove('excitatory', 'inhibitory', 'unknown');
  view.label.classList.add(kind);
  view.labelTitle.textContent = title;
  const text = fmtNumber(weight);
  const tw = 7 * text.length + 10;
  view.rect.setAttribute('x', String(-tw / 2));
  view.rect.setAttribute('width', String(tw));
  view.weight.textContent = text;
  // The median under the weight's pill, centred on the edge: beside it, a long figure ran into the next node.
  const figure = latencyFigure(e.latency);
  view.latency.replaceChildren(...(figure ? figure.lines : []).map((line, i) => {
    const span = svg('tspan', { x: 0, dy: i === 0 ? '0.35em' : '1.15em' });
    span.textContent = line;
    return span;
  }));
  view.latency.classList.toggle('unavailable', Boolean(figure) && figure.kind === 'unavailable');
}

function applyZoom(L) {
  const layoutNow = L || { width: Number(graph.viewBox.baseVal.width), height: Number(graph.viewBox.baseVal.height) };
  if (fitToView) {
    graph.removeAttribute('width');
    graph.removeAttribute('height');
    graph.classList.add('fit');
  } else {
    graph.setAttribute('width', String(layoutNow.width));
    graph.setAttribute('height', String(layoutNow.height));
    graph.classList.remove('fit');
  }
  zoom.textContent = fitToView ? 'Actual size' : 'Fit to view';
  zoom.setAttribute('aria-pressed', String(!fitToView));
}

/** Between fitting the graph to its box and drawing it at its actual size (which scrolls). */
export function toggleZoom() {
  fitToView = !fitToView;
  applyZoom();
}

export function updateNode(id) {
  const view = nodeViews.get(id);
  if (!view) return;
  const v = viewOf(id);
  const { g } = view;
  const live = v.liveness;
  g.classList.toggle('online', live === 'online');
  g.classList.toggle('stale', live === 'stale');
  g.classList.toggle('offline', live === 'offline');
  g.classList.toggle('silent', v.silent);
  g.classList.toggle('unknown', live !== 'online' && live !== 'stale' && live !== 'offline');
  g.classList.toggle('has-missing', v.missingSeqs > 0);
  g.dataset.status = v.status;
  g.dataset.liveness = live;
  g.dataset.firedCount = String(v.firedCount ?? '');
  g.dataset.missingSeqs = String(v.missingSeqs || 0);
  const statusWord = live === 'unknown' ? 'status unknown' : v.silent ? 'offline: silent' : live;
  const why = live !== 'online' && v.livenessReason ? ` (${v.livenessReason})` : '';
  const fired = v.firedCount ?? (v.counters ? v.counters.fires : null);
  if (view.stats) view.stats.textContent = `θ ${fmtNumber(v.threshold)} · fired ${fmtNumber(fired)}`;
  if (view.statusText) view.statusText.textContent = statusWord;
  view.badge.style.display = v.missingSeqs > 0 ? '' : 'none';
  view.badgeText.textContent = v.missingSeqs > 99 ? '99+' : `!${v.missingSeqs}`;
  g.dataset.learning = v.learning || '';
  view.learning.style.display = v.learning ? '' : 'none';
  if (v.learning) {
    const text = shortLabel(v.learning, 12);
    const lw = text.length * (view.dense ? 5 : 6.2) + 10;
    view.learningRect.setAttribute('width', String(lw));
    view.learningText.setAttribute('x', String(lw / 2));
    view.learningText.textContent = text;
  }
  const missing = v.missingSeqs > 0 ? `, ${v.missingSeqs} missing event(s): a gap in its sequence numbers` : '';
  const learns = v.learning ? `, learns by ${v.learning}` : '';
  view.title.textContent = `${id}: ${statusWord}${why}, threshold ${fmtNumber(v.threshold)}, fired ${fmtNumber(fired)} time(s)${learns}${missing}`;
  g.setAttribute('aria-label', view.title.textContent);
}

/** Marks the node whose panel is open (none when id is null). */
export function markSelected(id) {
  for (const [nid, view] of nodeViews) view.g.classList.toggle('selected', nid === id);
}

/** A connection learned: its edge and weight pulse for a moment. */
export function pulseEdge(from, to) {
  const view = edgeViews.get(edgeKey(from, to));
  startPulse(`edge ${edgeKey(from, to)}`, view ? [view.path, view.label] : []);
}

/** A neuron's threshold learned: its node pulses for a moment. */
export function pulseNode(id) {
  const view = nodeViews.get(id);
  startPulse(`node ${id}`, view ? [view.g] : []);
}

function startPulse(key, elements) {
  const until = performance.now() + LEARN_MS;
  pulses.set(key, until);
  const drawn = elements.filter(Boolean);
  // Restart the CSS animation when it is still running: drop the class, force a style flush, add it again.
  drawn.forEach((el) => el.classList.remove('learned'));
  if (drawn.length > 0) void drawn[0].getBoundingClientRect();
  resumePulse(key, drawn);
}

// A redraw (a new neuron, new weights from a state) replaces the elements: the pulse goes on on the new ones.
function resumePulse(key, elements) {
  const until = pulses.get(key);
  if (until === undefined) return;
  const left = until - performance.now();
  if (left <= 0) {
    pulses.delete(key);
    return;
  }
  const drawn = elements.filter(Boolean);
  drawn.forEach((el) => el.classList.add('learned'));
  setTimeout(() => {
    if ((pulses.get(key) ?? 0) <= performance.now()) pulses.delete(key);
    if (!pulses.has(key)) drawn.forEach((el) => el.classList.remove('learned'));
  }, left);
}

export function flash(id, eventId) {
  const view = nodeViews.get(id);
  flashLog.push({ neuron: id, eventId, drawn: Boolean(view) });
  if (flashLog.length > FLASH_LOG_KEPT) flashLog.splice(0, flashLog.length - FLASH_LOG_KEPT);
  if (!view) return;
  const { g } = view;
  const outgoing = edgesFrom.get(id) || [];
  if (g.classList.contains('firing')) {
    // Restart the CSS animation: drop the class, force a style flush, add it again.
    g.classList.remove('firing');
    outgoing.forEach((p) => p.classList.remove('firing'));
    void g.getBoundingClientRect();
  }
  g.classList.add('firing');
  outgoing.forEach((p) => p.classList.add('firing'));
  clearTimeout(view.timer);
  view.timer = setTimeout(() => {
    g.classList.remove('firing');
    outgoing.forEach((p) => p.classList.remove('firing'));
  }, FLASH_MS);
}
