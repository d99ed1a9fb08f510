// How numbers, times, versions and neuron ids are written, and the order neurons are listed in. Pure: no DOM.

export function fmtNumber(n) {
  if (n === null || n === undefined) return '?';
  if (typeof n !== 'number') return String(n);
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

export function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (v, w = 2) => String(v).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

// Seconds are enough in the counters table (the tooltip has the full time); another day shows its date.
export function fmtSeen(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = fmtTime(iso).slice(0, 8);
  return d.toDateString() === new Date().toDateString() ? time : `${d.toLocaleDateString()} ${time}`;
}

// A node's version for people, as `pineurons status` writes it: 0.1.0+<40 hex digits> reads 0.1.0 (6980975).
export function fmtVersion(version) {
  if (!version) return '—';
  const [semver, commit, ...rest] = version.split('+');
  return commit && commit.length > 7 && rest.length === 0 ? `${semver} (${commit.slice(0, 7)})` : version;
}

// Natural order, so n2 comes before n10 in a layer and in the tables.
export const byId = new Intl.Collator('en', { numeric: true }).compare;

export function shortLabel(id, max) {
  return id.length <= max ? id : `${id.slice(0, max - 1)}…`;
}
