// Where the graph's neurons and edges go: layers, positions, edge curves. Pure: no DOM, so the phone's
// geometry is an argument, not a media query read here.

import { byId } from './format.js';

// phone: the layers run top to bottom (the screen is narrow and the page scrolls down).
export function layout(nodes, edges, phone) {
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
  const vertical = phone && !dense;
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

// The curve from a to b (positions of layout's pos) as an SVG path, and the middle where its weight is written.
export function edgeCurve(a, b, L) {
  const { w, h } = L.g;
  if (b.col > a.col && L.vertical) {
    const x1 = a.x + w / 2; const y1 = a.y + h; const x2 = b.x + w / 2; const y2 = b.y - 2;
    const c = (y2 - y1) * 0.5;
    return { d: `M${x1},${y1} C${x1},${y1 + c} ${x2},${y2 - c} ${x2},${y2}`, mid: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 } };
  }
  if (b.col > a.col) {
    const x1 = a.x + w; const y1 = a.y + h / 2; const x2 = b.x - 2; const y2 = b.y + h / 2;
    const c = (x2 - x1) * 0.5;
    return { d: `M${x1},${y1} C${x1 + c},${y1} ${x2 - c},${y2} ${x2},${y2}`, mid: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 } };
  }
  if (L.vertical) {
    // Same layer or backwards (a cycle the layering broke): loop out to the right of the nodes.
    const x1 = a.x + w; const y1 = a.y + h / 2; const x2 = b.x + w + 2; const y2 = b.y + h / 2 + 6;
    const out = w * 0.5 + Math.abs(a.y - b.y) * 0.15;
    return { d: `M${x1},${y1} C${x1 + out},${y1} ${x2 + out},${y2} ${x2},${y2}`, mid: { x: Math.max(x1, x2) + out * 0.75, y: (y1 + y2) / 2 } };
  }
  // Same layer or backwards (a cycle the layering broke): loop below the nodes.
  const x1 = a.x + w / 2; const y1 = a.y + h; const x2 = b.x + w / 2 + 6; const y2 = b.y + h + 2;
  const drop = h * 0.9 + Math.abs(a.x - b.x) * 0.15;
  return { d: `M${x1},${y1} C${x1},${y1 + drop} ${x2},${y2 + drop} ${x2},${y2}`, mid: { x: (x1 + x2) / 2, y: Math.max(y1, y2) + drop * 0.75 } };
}
