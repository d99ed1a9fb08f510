// How an edge's latency (the `latency` of /api/topology's edges, docs/aggregator-api.md) is written: the figure on the
// edge and the distribution in its tooltip. Pure: no DOM.

const ms = (v) => `${v} ms`;

/** The figure written with the weight: the median, or why there is none (on two short lines, as narrow as the gap
 *  between two layers); null before any pair was seen. */
export function latencyFigure(l) {
  if (!l) return null;
  if (l.unsynchronized && l.unsynchronized.length > 0) return { lines: ['clock', 'unsynchronized'], kind: 'unavailable' };
  if (l.count > 0) return { lines: [ms(l.p50Ms)], kind: 'measured' };
  if (l.skewedPairs > 0) return { lines: ['clocks', 'disagree'], kind: 'unavailable' };
  return null;
}

/** The tooltip's lines: percentiles, then how many pairs fell in each bucket (not cumulative: easier to read). */
export function latencyLines(l) {
  if (!l) return ['latency: no pair seen yet'];
  const lines = [];
  if (l.count > 0) {
    lines.push(`latency: median ${ms(l.p50Ms)}, 90% ≤ ${ms(l.p90Ms)}, 99% ≤ ${ms(l.p99Ms)}, max ${ms(l.maxMs)} (${l.count} ${l.count === 1 ? 'pair' : 'pairs'})`);
    let below = 0;
    let lower = null;
    for (const b of l.buckets || []) {
      const n = b.count - below;
      if (n > 0) lines.push(`  ${lower === null ? `≤ ${b.leMs}` : `${lower}–${b.leMs}`} ms: ${n}`);
      below = b.count;
      lower = b.leMs;
    }
    if (l.count > below) lines.push(`  > ${lower} ms: ${l.count - below}`);
  } else {
    lines.push('latency: no pair measured');
  }
  if (l.unsynchronized && l.unsynchronized.length > 0) {
    lines.push(`clock unsynchronized on ${l.unsynchronized.join(', ')} (${l.unsynchronizedPairs} ${l.unsynchronizedPairs === 1 ? 'pair' : 'pairs'} not measured)`);
  } else if (l.unsynchronizedPairs > 0) {
    lines.push(`${l.unsynchronizedPairs} earlier ${l.unsynchronizedPairs === 1 ? 'pair' : 'pairs'} not measured: a clock was unsynchronized`);
  }
  if (l.skewedPairs > 0) lines.push(`clocks disagree by up to ${ms(l.maxSkewMs)} (${l.skewedPairs} ${l.skewedPairs === 1 ? 'pair' : 'pairs'} not measured)`);
  return lines;
}
