// The whole view state, and its one-to-one mapping to the page's query string.
import { PRESETS, parseTime, iso } from './time.js';

export const DEFAULTS = Object.freeze({
  metric: null,
  tab: 'graph',
  range: '1h', // a preset, or 'custom' with from/to
  from: null,
  to: null,
  zoomFrom: null, // a drag-zoom inside the range; double-click clears it
  zoomTo: null,
  step: 'auto',
  agg: 'avg',
  groupBy: [],
  refresh: 'off',
  filters: {}, // label key -> [values]
  sort: null, // table: {column, dir}
  at: null, // table: start of the current raw page (X-Next-Start-Time)
});

const LABEL_PREFIX = 'l.';

export function parseState(search) {
  const q = new URLSearchParams(search);
  const s = structuredClone(DEFAULTS);
  s.metric = q.get('metric') || null;
  if (q.get('tab') === 'table') s.tab = 'table';
  const range = q.get('range');
  if (PRESETS.includes(range)) s.range = range;
  s.from = parseTime(q.get('from'));
  s.to = parseTime(q.get('to'));
  if (range === 'custom' && s.from != null && s.to != null && s.from < s.to) s.range = 'custom';
  else { s.from = null; s.to = null; }
  s.zoomFrom = parseTime(q.get('zoom_from'));
  s.zoomTo = parseTime(q.get('zoom_to'));
  if (s.zoomFrom == null || s.zoomTo == null || s.zoomFrom >= s.zoomTo) { s.zoomFrom = null; s.zoomTo = null; }
  s.step = q.get('step') || 'auto';
  s.agg = q.get('agg') || 'avg';
  s.groupBy = (q.get('group_by') || '').split(',').filter(Boolean);
  s.refresh = ['5s', '30s', '1m'].includes(q.get('refresh')) ? q.get('refresh') : 'off';
  for (const [k, v] of q) {
    if (k.startsWith(LABEL_PREFIX) && v !== '') (s.filters[k.slice(LABEL_PREFIX.length)] ||= []).push(v);
  }
  const sort = /^(.+):(asc|desc)$/.exec(q.get('sort') || '');
  if (sort) s.sort = { column: sort[1], dir: sort[2] };
  s.at = parseTime(q.get('at'));
  return s;
}

/** Only what differs from the defaults goes into the URL, so links stay short. */
export function toSearch(s) {
  const q = new URLSearchParams();
  if (s.metric) q.set('metric', s.metric);
  if (s.tab !== DEFAULTS.tab) q.set('tab', s.tab);
  if (s.range !== DEFAULTS.range) q.set('range', s.range);
  if (s.range === 'custom') { q.set('from', iso(s.from)); q.set('to', iso(s.to)); }
  if (s.zoomFrom != null) { q.set('zoom_from', iso(s.zoomFrom)); q.set('zoom_to', iso(s.zoomTo)); }
  if (s.step !== DEFAULTS.step) q.set('step', s.step);
  if (s.agg !== DEFAULTS.agg) q.set('agg', s.agg);
  if (s.groupBy.length) q.set('group_by', s.groupBy.join(','));
  if (s.refresh !== DEFAULTS.refresh) q.set('refresh', s.refresh);
  for (const key of Object.keys(s.filters).sort()) {
    for (const v of s.filters[key]) q.append(LABEL_PREFIX + key, v);
  }
  if (s.sort) q.set('sort', `${s.sort.column}:${s.sort.dir}`);
  if (s.at != null) q.set('at', iso(s.at));
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** State for a newly picked metric: keeps the time range and controls, drops what belongs to the old one. */
export function forMetric(s, metric) {
  return { ...s, metric, filters: {}, groupBy: [], sort: null, at: null, zoomFrom: null, zoomTo: null, agg: DEFAULTS.agg };
}
