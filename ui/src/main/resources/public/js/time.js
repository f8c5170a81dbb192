// Time ranges, durations and how times are shown.

export const PRESETS = ['15m', '1h', '6h', '24h', '7d', '30d'];
/** The server's step=auto ladder (api.md), used to pick explicit steps and to size drawn buckets. */
export const STEP_LADDER = ['1s', '5s', '10s', '30s', '1m', '5m', '10m', '30m', '1h', '3h', '6h', '12h', '1d', '7d'];
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function durationMs(text) {
  const m = /^(\d+)([smhd])$/.exec(text || '');
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

/** The step=auto choice: the finest ladder step giving at most maxPoints buckets over the window. */
export function autoStep(win, maxPoints) {
  const span = win.end - win.start;
  return STEP_LADDER.find((s) => Math.ceil(span / durationMs(s)) <= maxPoints) || '7d';
}

/** How many buckets a step gives over a window. */
export function bucketCount(win, step) {
  return Math.ceil((win.end - win.start) / durationMs(step));
}

/** The window [start, end] in epoch ms the view shows: a zoom, a custom range, or a preset up to now. */
export function viewWindow(state, now = Date.now()) {
  if (state.zoomFrom != null && state.zoomTo != null) return { start: state.zoomFrom, end: state.zoomTo };
  if (state.range === 'custom' && state.from != null && state.to != null) return { start: state.from, end: state.to };
  return { start: now - (durationMs(state.range) || durationMs('1h')), end: now };
}

export function iso(ms) {
  return new Date(ms).toISOString();
}

/** Parses ISO-8601 (with or without zone; without is UTC as the API reads it) or epoch ms. */
export function parseTime(text) {
  if (text == null || text === '') return null;
  if (/^\d+$/.test(text)) return Number(text);
  const withZone = /([zZ]|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : ms;
}

const pad = (n) => String(n).padStart(2, '0');

/** A time for people: local, to the second. */
export function showTime(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A value for <input type="datetime-local"> (local time). */
export function toLocalInput(ms) {
  return showTime(ms).replace(' ', 'T');
}

export function fromLocalInput(value) {
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

export function timeZoneName() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}
