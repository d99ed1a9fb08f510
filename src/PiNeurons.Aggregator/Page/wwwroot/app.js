// The aggregator's live page: the network as a layered SVG graph, the merged timeline and the counters,
// kept live from /api/stream. Plain JS, no framework, nothing fetched from anywhere but the aggregator.
// The HTTP contract is docs/aggregator-api.md. URLs are relative so the page also works behind a path prefix.
'use strict';

(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const FLASH_MS = 400;
  const TIMELINE_FETCH = 200;
  const TIMELINE_ROWS = 500; // rows kept in the DOM
  const EVENTS_KEPT = 5000; // events kept in memory for client-side filtering
  const FLASH_LOG_KEPT = 5000;
  const TOKEN_KEY = 'pineurons.operatorToken';
  // The phone layout of app.css (same query): the graph is then only as wide as the screen.
  const PHONE = window.matchMedia('(max-width: 600px)');

  const $ = (id) => document.getElementById(id);
  const el = {
    graph: $('graph'), graphTitle: $('graph-title'), graphScroll: $('graph-scroll'), graphEmpty: $('graph-empty'),
    edges: $('edges'), edgeLabels: $('edge-labels'), nodes: $('nodes'), zoom: $('zoom-toggle'),
    connection: $('connection'), summary: $('summary'), token: $('operator-token'), status: $('command-status'),
    panel: $('node-panel'), panelTitle: $('node-panel-title'), panelDetails: $('node-panel-details'),
    filterNeuron: $('filter-neuron'), filterType: $('filter-type'),
    timeline: $('timeline-body'), timelineEmpty: $('timeline-empty'), counters: $('counters-body'),
  };

  // ---- state -------------------------------------------------------------------------------------

  /** id -> the object of GET /api/neurons (status, state, counters). */
  const neurons = new Map();
  /** The last GET /api/topology. */
  let topology = { nodes: [], edges: [] };
  /** store id -> event, every event loaded or streamed (capped). */
  const events = new Map();
  /** id -> { g, rect, stats, statusText, badge, badgeText, title, timer } of the drawn node. */
  const nodeViews = new Map();
  /** source id -> edge <path>s leaving it (they light up when it fires). */
  const edgesFrom = new Map();
  /** id -> <tr> of the counters table. */
  const counterRows = new Map();
  let selected = null; // the neuron whose panel is open
  let fitToView = true;

  // The hook for tests and for people debugging: every fired event applied live, in arrival order.
  const flashLog = [];
  window.piNeurons = { flashLog, neurons, events, get topology() { return topology; }, connection: 'connecting' };

  // ---- small helpers -----------------------------------------------------------------------------

  function svg(tag, attrs, parent) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  function html(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function fmtNumber(n) {
    if (n === null || n === undefined) return '?';
    if (typeof n !== 'number') return String(n);
    return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
  }

  function fmtTime(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    const p = (v, w = 2) => String(v).padStart(w, '0');
    return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
  }

  // Seconds are enough in the counters table (the tooltip has the full time); another day shows its date.
  function fmtSeen(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    const time = fmtTime(iso).slice(0, 8);
    return d.toDateString() === new Date().toDateString() ? time : `${d.toLocaleDateString()} ${time}`;
  }

  // Natural order, so n2 comes before n10 in a layer and in the tables.
  const byId = new Intl.Collator('en', { numeric: true }).compare;

  function shortLabel(id, max) {
    return id.length <= max ? id : `${id.slice(0, max - 1)}…`;
  }

  // ---- the neuron's view model: topology node + /api/neurons object, whichever is newer ------------

  function viewOf(id) {
    const t = topology.nodes.find((n) => n.id === id) || { id };
    const n = neurons.get(id);
    const state = n && n.state;
    const counters = (n && n.counters) || null;
    return {
      id,
      layer: t.layer ?? 0,
      status: (n && n.status) || t.status || 'unknown',
      threshold: state && state.config ? state.config.threshold : t.threshold,
      firedCount: state && typeof state.firedCount === 'number' ? state.firedCount : t.firedCount,
      missingSeqs: counters ? counters.missingSeqs : (t.missingSeqs || 0),
      counters,
      config: state ? state.config : null,
    };
  }

  // ---- layout --------------------------------------------------------------------------------------

  function layout(nodes, edges) {
    const layers = new Map();
    for (const n of nodes) {
      const l = Number.isInteger(n.layer) && n.layer >= 0 ? n.layer : 0;
      if (!layers.has(l)) layers.set(l, []);
      layers.get(l).push(n.id);
    }
    const order = [...layers.keys()].sort((a, b) => a - b);
    const maxPerLayer = Math.max(1, ...[...layers.values()].map((l) => l.length));
    // Dense networks get compact nodes (id only; the rest is in the tooltip and the panel).
    const dense = maxPerLayer > 8 || nodes.length > 48;
    // The graph is scaled to its box's width. A phone's is narrow and the page scrolls down, so there the layers
    // run top to bottom: the screen's width then holds one layer's neurons (three for XOR, names at about 14 px on
    // a 390 px screen) instead of every layer and the gaps between them (which gave 8 px).
    const vertical = PHONE.matches && !dense;
    // colGap is between layers, rowGap between the neurons of a layer, whichever way the layers run.
    const g = dense
      ? { w: 64, h: 26, colGap: 54, rowGap: 9, margin: 16 }
      : vertical
        ? { w: 118, h: 62, colGap: 56, rowGap: 12, margin: 6 }
        : { w: 118, h: 62, colGap: 110, rowGap: 34, margin: 28 };
    const rowH = (vertical ? g.w : g.h) + g.rowGap;
    const colW = (vertical ? g.h : g.w) + g.colGap;
    const breadth = maxPerLayer * rowH - g.rowGap;

    // Within a layer: the first by id, the next ones by the mean position of their upstream neurons,
    // which keeps most edges short and uncrossed without a real crossing minimisation.
    const pos = new Map();
    const upstream = new Map();
    for (const e of edges) {
      if (!upstream.has(e.to)) upstream.set(e.to, []);
      upstream.get(e.to).push(e.from);
    }
    order.forEach((layer, col) => {
      const ids = layers.get(layer).sort(byId);
      const key = new Map(ids.map((id) => {
        const ups = (upstream.get(id) || []).map((u) => pos.get(u)).filter(Boolean).map((p) => p.across);
        return [id, ups.length ? ups.reduce((a, b) => a + b, 0) / ups.length : Number.MAX_VALUE];
      }));
      if (col > 0) ids.sort((a, b) => (key.get(a) - key.get(b)) || byId(a, b));
      const top = (breadth - (ids.length * rowH - g.rowGap)) / 2;
      ids.forEach((id, i) => {
        const across = g.margin + top + i * rowH;
        const down = g.margin + col * colW;
        pos.set(id, vertical ? { x: across, y: down, col, across } : { x: down, y: across, col, across });
      });
    });
    const depth = g.margin * 2 + Math.max(1, order.length) * colW - g.colGap;
    return { pos, g, dense, vertical, width: vertical ? breadth + g.margin * 2 : depth, height: vertical ? depth : breadth + g.margin * 2 };
  }

  // ---- drawing ---------------------------------------------------------------------------------------

  function draw() {
    const { nodes, edges } = topology;
    const L = layout(nodes, edges);
    el.graph.classList.toggle('dense', L.dense);
    el.graph.setAttribute('viewBox', `0 0 ${L.width} ${L.height}`);
    el.graph.dataset.nodes = String(nodes.length);
    el.graph.dataset.edges = String(edges.length);
    applyZoom(L);
    el.graphEmpty.hidden = nodes.length > 0;
    el.graphTitle.textContent = `Neuron network: ${nodes.length} neurons, ${edges.length} connections`;

    el.edges.replaceChildren();
    el.edgeLabels.replaceChildren();
    edgesFrom.clear();
    const { w, h } = L.g;
    for (const e of edges) {
      const a = L.pos.get(e.from);
      const b = L.pos.get(e.to);
      if (!a || !b) continue;
      let d;
      let mid;
      if (b.col > a.col && L.vertical) {
        const x1 = a.x + w / 2; const y1 = a.y + h; const x2 = b.x + w / 2; const y2 = b.y - 2;
        const c = (y2 - y1) * 0.5;
        d = `M${x1},${y1} C${x1},${y1 + c} ${x2},${y2 - c} ${x2},${y2}`;
        mid = { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
      } else if (b.col > a.col) {
        const x1 = a.x + w; const y1 = a.y + h / 2; const x2 = b.x - 2; const y2 = b.y + h / 2;
        const c = (x2 - x1) * 0.5;
        d = `M${x1},${y1} C${x1 + c},${y1} ${x2 - c},${y2} ${x2},${y2}`;
        mid = { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
      } else if (L.vertical) {
        // Same layer or backwards (a cycle the layering broke): loop out to the right of the nodes.
        const x1 = a.x + w; const y1 = a.y + h / 2; const x2 = b.x + w + 2; const y2 = b.y + h / 2 + 6;
        const out = w * 0.5 + Math.abs(a.y - b.y) * 0.15;
        d = `M${x1},${y1} C${x1 + out},${y1} ${x2 + out},${y2} ${x2},${y2}`;
        mid = { x: Math.max(x1, x2) + out * 0.75, y: (y1 + y2) / 2 };
      } else {
        // Same layer or backwards (a cycle the layering broke): loop below the nodes.
        const x1 = a.x + w / 2; const y1 = a.y + h; const x2 = b.x + w / 2 + 6; const y2 = b.y + h + 2;
        const drop = h * 0.9 + Math.abs(a.x - b.x) * 0.15;
        d = `M${x1},${y1} C${x1},${y1 + drop} ${x2},${y2 + drop} ${x2},${y2}`;
        mid = { x: (x1 + x2) / 2, y: Math.max(y1, y2) + drop * 0.75 };
      }
      const weight = e.weight;
      const kind = weight === null || weight === undefined ? 'unknown' : weight < 0 ? 'inhibitory' : 'excitatory';
      const width = weight === null || weight === undefined ? 1.2 : 1 + Math.min(Math.abs(weight), 4) * (L.dense ? 0.3 : 0.7);
      const path = svg('path', {
        d, class: `edge ${kind}`, 'data-from': e.from, 'data-to': e.to, 'data-weight': weight ?? '',
        'stroke-width': width.toFixed(2), 'marker-end': `url(#arrow${kind === 'excitatory' ? '' : `-${kind}`})`,
      }, el.edges);
      svg('title', {}, path).textContent = `${e.from} → ${e.to}: weight ${fmtNumber(weight)}${kind === 'inhibitory' ? ' (inhibitory)' : ''}`;
      if (!edgesFrom.has(e.from)) edgesFrom.set(e.from, []);
      edgesFrom.get(e.from).push(path);
      if (!L.dense) {
        const label = svg('g', { class: `edge-label ${kind}`, transform: `translate(${mid.x},${mid.y})` }, el.edgeLabels);
        const text = fmtNumber(weight);
        const tw = 7 * text.length + 10;
        svg('rect', { x: -tw / 2, y: -9, width: tw, height: 18, rx: 9 }, label);
        svg('text', { 'text-anchor': 'middle', dy: '0.35em' }, label).textContent = text;
      }
    }

    for (const view of nodeViews.values()) clearTimeout(view.timer);
    nodeViews.clear();
    el.nodes.replaceChildren();
    for (const n of [...nodes].sort((a, b) => byId(a.id, b.id))) {
      const p = L.pos.get(n.id);
      const g = svg('g', {
        class: 'node', 'data-neuron': n.id, transform: `translate(${p.x},${p.y})`,
        tabindex: '0', role: 'button', 'aria-haspopup': 'dialog',
      }, el.nodes);
      const title = svg('title', {}, g);
      const rect = svg('rect', { class: 'body', width: w, height: h, rx: L.dense ? 6 : 10 }, g);
      const view = { g, rect, title, timer: 0 };
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
      nodeViews.set(n.id, view);
      updateNode(n.id);
    }
    if (selected && !nodeViews.has(selected)) closePanel();
  }

  function applyZoom(L) {
    const layoutNow = L || { width: Number(el.graph.viewBox.baseVal.width), height: Number(el.graph.viewBox.baseVal.height) };
    if (fitToView) {
      el.graph.removeAttribute('width');
      el.graph.removeAttribute('height');
      el.graph.classList.add('fit');
    } else {
      el.graph.setAttribute('width', String(layoutNow.width));
      el.graph.setAttribute('height', String(layoutNow.height));
      el.graph.classList.remove('fit');
    }
    el.zoom.textContent = fitToView ? 'Actual size' : 'Fit to view';
    el.zoom.setAttribute('aria-pressed', String(!fitToView));
  }

  function updateNode(id) {
    const view = nodeViews.get(id);
    if (!view) return;
    const v = viewOf(id);
    const { g } = view;
    g.classList.toggle('online', v.status === 'online');
    g.classList.toggle('offline', v.status === 'offline');
    g.classList.toggle('unknown', v.status !== 'online' && v.status !== 'offline');
    g.classList.toggle('has-missing', v.missingSeqs > 0);
    g.dataset.status = v.status;
    g.dataset.firedCount = String(v.firedCount ?? '');
    g.dataset.missingSeqs = String(v.missingSeqs || 0);
    const statusWord = v.status === 'unknown' ? 'status unknown' : v.status;
    const fired = v.firedCount ?? (v.counters ? v.counters.fires : null);
    if (view.stats) view.stats.textContent = `θ ${fmtNumber(v.threshold)} · fired ${fmtNumber(fired)}`;
    if (view.statusText) view.statusText.textContent = statusWord;
    view.badge.style.display = v.missingSeqs > 0 ? '' : 'none';
    view.badgeText.textContent = v.missingSeqs > 99 ? '99+' : `!${v.missingSeqs}`;
    const missing = v.missingSeqs > 0 ? `, ${v.missingSeqs} missing event(s): a gap in its sequence numbers` : '';
    view.title.textContent = `${id}: ${statusWord}, threshold ${fmtNumber(v.threshold)}, fired ${fmtNumber(fired)} time(s)${missing}`;
    g.setAttribute('aria-label', view.title.textContent);
    if (selected === id) renderPanel();
  }

  // ---- firing ----------------------------------------------------------------------------------------

  function flash(id, eventId) {
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

  // ---- timeline ---------------------------------------------------------------------------------------

  const filter = () => ({ neuron: el.filterNeuron.value, type: el.filterType.value });
  const matches = (e, f) => (!f.neuron || e.neuron === f.neuron) && (!f.type || e.type === f.type);

  function timelineRow(e) {
    const tr = html('tr', { 'data-event-id': String(e.id), 'data-neuron': e.neuron, 'data-type': e.type, class: `ev-${e.type}` });
    const time = html('td', { class: 'time', title: `at ${e.at || '?'}, received ${e.receivedAt || '?'}` }, fmtTime(e.at || e.receivedAt));
    const type = html('td');
    type.appendChild(html('span', { class: `type type-${e.type}` }, e.type));
    if (e.reason) type.appendChild(html('span', { class: 'reason', title: e.reason }, e.reason));
    tr.append(time, html('td', { class: 'neuron' }, e.neuron), type, html('td', { class: 'from' }, e.from ?? ''),
      html('td', { class: 'num' }, e.seq ?? ''), html('td', { class: 'num' }, e.hop ?? ''));
    return tr;
  }

  function renderTimeline() {
    const f = filter();
    const rows = [...events.values()].filter((e) => matches(e, f)).sort((a, b) => b.id - a.id).slice(0, TIMELINE_ROWS);
    el.timeline.replaceChildren(...rows.map(timelineRow));
    el.timelineEmpty.hidden = rows.length > 0;
  }

  function addToTimeline(e) {
    if (!matches(e, filter())) return;
    const row = timelineRow(e);
    // Newest first; an event replayed after a reconnect may be older than the top row.
    let before = el.timeline.firstElementChild;
    while (before && Number(before.dataset.eventId) > e.id) before = before.nextElementSibling;
    el.timeline.insertBefore(row, before);
    while (el.timeline.childElementCount > TIMELINE_ROWS) el.timeline.lastElementChild.remove();
    el.timelineEmpty.hidden = true;
  }

  function remember(e) {
    events.set(e.id, e);
    // Trimmed in batches, so a busy network does not pay a sort per event.
    if (events.size > EVENTS_KEPT * 1.1) {
      const oldest = [...events.keys()].sort((a, b) => a - b).slice(0, events.size - EVENTS_KEPT);
      oldest.forEach((k) => events.delete(k));
    }
  }

  let timelineQuery = 0;
  async function loadEvents() {
    const f = filter();
    const query = ++timelineQuery;
    const params = new URLSearchParams({ limit: String(TIMELINE_FETCH) });
    if (f.neuron) params.set('neuron', f.neuron);
    if (f.type) params.set('type', f.type);
    const body = await getJson(`api/events?${params}`);
    for (const e of body.events || []) remember(e);
    if (query === timelineQuery) renderTimeline();
  }

  // ---- counters table -----------------------------------------------------------------------------------

  function renderCounters() {
    const ids = [...new Set([...neurons.keys(), ...topology.nodes.map((n) => n.id)])].sort(byId);
    counterRows.clear();
    el.counters.replaceChildren(...ids.map((id) => {
      const tr = html('tr', { 'data-counter-neuron': id });
      counterRows.set(id, tr);
      fillCounterRow(id, tr);
      return tr;
    }));
    // The neuron filter follows the known neurons, keeping the current choice.
    const current = el.filterNeuron.value;
    el.filterNeuron.replaceChildren(html('option', { value: '' }, 'all'), ...ids.map((id) => html('option', { value: id }, id)));
    if (current && !ids.includes(current)) el.filterNeuron.appendChild(html('option', { value: current }, current));
    el.filterNeuron.value = current;
    renderSummary();
  }

  function fillCounterRow(id, tr) {
    const v = viewOf(id);
    const c = v.counters || {};
    const n = (x) => (x === undefined || x === null ? '—' : String(x));
    const name = html('td', { class: 'neuron' });
    // A dot for the eye, the word for screen readers; offline is also written out, colour is not the only signal.
    name.append(html('span', { class: `status-dot ${v.status}`, title: v.status, 'aria-hidden': 'true' }),
      html('span', { class: 'sr-only' }, `${v.status} `), html('span', { class: 'name', title: id }, shortLabel(id, 14)));
    if (v.status !== 'online') name.appendChild(html('span', { class: 'status-word', 'aria-hidden': 'true' }, v.status === 'offline' ? 'offline' : '?'));
    tr.classList.toggle('offline', v.status === 'offline');
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

  function updateCounterRow(id) {
    const tr = counterRows.get(id);
    if (tr) fillCounterRow(id, tr); else renderCounters();
  }

  function renderSummary() {
    const all = [...new Set([...neurons.keys(), ...topology.nodes.map((n) => n.id)])];
    const online = all.filter((id) => viewOf(id).status === 'online').length;
    el.summary.textContent = `${all.length} neurons · ${online} online · ${topology.edges.length} connections`;
  }

  // ---- node panel ----------------------------------------------------------------------------------------

  function openPanel(id) {
    selected = id;
    renderPanel();
    el.panel.hidden = false;
    el.panel.querySelector('button[data-action=kick]').focus();
  }

  function closePanel() {
    selected = null;
    el.panel.hidden = true;
    for (const v of nodeViews.values()) v.g.classList.remove('selected');
  }

  function renderPanel() {
    if (!selected) return;
    const v = viewOf(selected);
    el.panel.dataset.neuron = selected;
    el.panelTitle.textContent = selected;
    for (const [nid, view] of nodeViews) view.g.classList.toggle('selected', nid === selected);
    const cfg = v.config || {};
    const weights = cfg.weights ? Object.entries(cfg.weights).map(([k, w]) => `${k} ${fmtNumber(w)}`).join(', ') : '';
    const rows = [
      ['status', v.status], ['threshold', fmtNumber(v.threshold)], ['fired', fmtNumber(v.firedCount)],
      ['missing events', String(v.missingSeqs || 0)], ['weights', weights || '—'],
      ['connections', (cfg.connections || []).join(', ') || '—'],
    ];
    el.panelDetails.replaceChildren(...rows.flatMap(([k, val]) => [html('dt', {}, k), html('dd', {}, val)]));
    for (const b of el.panel.querySelectorAll('button[data-action=kick], button[data-action=fire]')) {
      b.dataset.target = selected;
      b.textContent = `${b.dataset.action === 'kick' ? 'Kick' : 'Fire'} ${shortLabel(selected, 12)}`;
    }
  }

  // ---- commands ----------------------------------------------------------------------------------------------

  function showStatus(kind, text) {
    el.status.hidden = false;
    el.status.className = `command-status ${kind}`;
    el.status.textContent = text;
  }

  async function command(id, action) {
    // No body: the contract's kick body is optional, and without one the neuron counts it as an external kick.
    const headers = {};
    const token = el.token.value.trim();
    if (token) headers.Authorization = `Bearer ${token}`;
    showStatus('pending', `${action} ${id}…`);
    let response;
    try {
      response = await fetch(`api/neurons/${encodeURIComponent(id)}/${action}`, { method: 'POST', headers });
    } catch (err) {
      showStatus('error', `${action} ${id} failed: the aggregator cannot be reached (${err.message}).`);
      return;
    }
    let body = null;
    try { body = await response.json(); } catch { body = null; }
    if (response.ok) {
      showStatus('ok', `${action === 'kick' ? 'Kicked' : 'Fired'} ${id}${body && body.topic ? ` (published on ${body.topic})` : ''}.`);
    } else if (response.status === 401) {
      showStatus('auth', `${action} ${id} refused: this aggregator requires the operator token. Enter it in “Operator token” at the top right and try again.`);
      el.token.classList.add('needed');
      el.token.focus();
    } else {
      showStatus('error', `${action} ${id} failed (${response.status}): ${(body && body.error) || response.statusText || 'no reason given'}`);
    }
  }

  // ---- data loading -----------------------------------------------------------------------------------------

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      let reason = response.statusText;
      try { reason = (await response.json()).error || reason; } catch { /* not JSON */ }
      throw new Error(`${url}: ${response.status} ${reason}`);
    }
    return response.json();
  }

  async function loadNeurons() {
    const list = await getJson('api/neurons');
    neurons.clear();
    for (const n of list) neurons.set(n.id, n);
  }

  async function loadTopology() {
    topology = await getJson('api/topology');
    draw();
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

  async function loadAll() {
    try {
      await Promise.all([loadNeurons(), (async () => { topology = await getJson('api/topology'); })()]);
      draw();
      renderCounters();
      await loadEvents();
    } catch (err) {
      showStatus('error', `Could not load the network: ${err.message}. Retrying…`);
      setTimeout(loadAll, 3000);
    }
  }

  // ---- live stream ---------------------------------------------------------------------------------------------

  function setConnection(state, label) {
    el.connection.dataset.state = state;
    el.connection.querySelector('.label').textContent = label;
    window.piNeurons.connection = state;
  }

  function onNeuronEvent(msg) {
    const e = JSON.parse(msg.data);
    // The flash first: it must show within the 100 ms the contract allows, before any other DOM work.
    if (e.type === 'fired' && !events.has(e.id)) flash(e.neuron, e.id);
    const fresh = !events.has(e.id);
    remember(e);
    if (!fresh) return;
    addToTimeline(e);
    const n = neurons.get(e.neuron);
    if (!n) {
      neurons.set(e.neuron, { id: e.neuron, status: 'unknown', state: null, counters: null });
      refreshTopology();
    }
    const neuron = neurons.get(e.neuron);
    const c = neuron.counters || (neuron.counters = { events: 0, kicks: 0, fires: 0, refractory: 0, errors: 0, lastSeq: 0, missingSeqs: 0, lastSeen: null });
    // Counted once: a `neuron` message may already include this event (its counters carry lastSeq).
    if (typeof e.seq === 'number' && e.seq <= (c.lastSeq || 0)) return;
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
    updateNode(e.neuron);
    updateCounterRow(e.neuron);
  }

  function onNeuron(msg) {
    const n = JSON.parse(msg.data);
    const before = neurons.get(n.id);
    neurons.set(n.id, n);
    const shape = (x) => JSON.stringify(x && x.state && x.state.config ? [x.state.config.connections || [], x.state.config.weights || {}] : null);
    if (!topology.nodes.some((t) => t.id === n.id) || !before || shape(before) !== shape(n)) {
      refreshTopology();
    } else {
      updateNode(n.id);
    }
    updateCounterRow(n.id);
    renderSummary();
  }

  let source = null;
  let everOpened = false;
  function connect() {
    source = new EventSource('api/stream');
    source.addEventListener('neuron-event', onNeuronEvent);
    source.addEventListener('neuron', onNeuron);
    source.onopen = () => {
      setConnection('live', 'live');
      // After a reconnect the events come back through Last-Event-ID; status and topology may have moved.
      if (everOpened) loadNeurons().then(loadTopology).catch(() => {});
      everOpened = true;
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // The browser gives up on an HTTP error (e.g. 503): start over, and reload what may have been missed.
        setConnection('reconnecting', 'reconnecting…');
        source.close();
        setTimeout(() => { connect(); loadEvents().catch(() => {}); }, 3000);
      } else {
        setConnection('reconnecting', 'reconnecting…');
      }
    };
  }

  // ---- wiring -----------------------------------------------------------------------------------------------------

  el.token.value = localStorage.getItem(TOKEN_KEY) || '';
  // Enter in the token field must not submit (reload) the page.
  $('token-form').addEventListener('submit', (ev) => ev.preventDefault());
  el.token.addEventListener('input', () => {
    const t = el.token.value.trim();
    if (t) localStorage.setItem(TOKEN_KEY, t); else localStorage.removeItem(TOKEN_KEY);
    el.token.classList.remove('needed');
  });

  el.nodes.addEventListener('click', (ev) => {
    const g = ev.target.closest('[data-neuron]');
    if (g) openPanel(g.dataset.neuron);
  });
  el.nodes.addEventListener('keydown', (ev) => {
    const g = ev.target.closest('[data-neuron]');
    if (g && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); openPanel(g.dataset.neuron); }
  });
  document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape' && selected) closePanel(); });
  document.addEventListener('click', (ev) => {
    const b = ev.target.closest('button[data-action]');
    if (!b) return;
    if (b.dataset.action === 'close') closePanel();
    else if (b.dataset.target) command(b.dataset.target, b.dataset.action);
  });
  el.zoom.addEventListener('click', () => { fitToView = !fitToView; applyZoom(); });
  // A phone turned sideways (or a window narrowed) gets the other geometry.
  PHONE.addEventListener('change', draw);
  const onFilter = () => {
    renderTimeline(); // at once, over what is loaded
    loadEvents().catch((err) => showStatus('error', `Could not load the timeline: ${err.message}`));
  };
  el.filterNeuron.addEventListener('change', onFilter);
  el.filterType.addEventListener('change', onFilter);

  // The stream opens before the first fetch, so nothing falls between the two (duplicates merge by id).
  connect();
  loadAll();
})();
