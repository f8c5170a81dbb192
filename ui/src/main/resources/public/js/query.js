// Which query each view sends. The graph never asks for more than about one point per pixel.
import { iso, bucketCount } from './time.js';

export const TABLE_PAGE_SIZE = 100;
export const AGGREGATIONS = ['avg', 'min', 'max', 'sum', 'count', 'last'];
export const STEPS = ['auto', '10s', '1m', '5m', '1h', '1d'];

/** The window and the label filters: what every read shares. */
export function filterParams(state, def, win) {
  const q = new URLSearchParams();
  q.set('start_time', iso(win.start));
  q.set('end_time', iso(win.end));
  for (const key of def.label_keys) {
    for (const v of state.filters[key] || []) q.append(key, v);
  }
  return q;
}

/** Downsampled buckets: step=auto sized to the chart's width, or the chosen step. */
export function bucketParams(state, def, win, width) {
  const q = filterParams(state, def, win);
  if (state.step === 'auto') {
    q.set('step', 'auto');
    q.set('max_points', String(Math.max(10, Math.floor(width))));
  } else {
    q.set('step', state.step);
  }
  if (def.type === 'gauge') q.set('agg', state.agg);
  if (state.groupBy.length) q.set('group_by', state.groupBy.join(','));
  else if (def.type === 'histogram') q.set('group_by', ''); // the heatmap adds every series up
  return q;
}

/** The table and the CSV show buckets when a step is chosen or series are grouped; raw points otherwise. */
export function showsBuckets(state) {
  return state.step !== 'auto' || state.groupBy.length > 0;
}

export function tableParams(state, def, win, width) {
  if (showsBuckets(state)) return bucketParams(state, def, win, width);
  const q = filterParams(state, def, win);
  if (state.at != null && state.at > win.start) q.set('start_time', iso(state.at));
  q.set('limit', String(TABLE_PAGE_SIZE));
  return q;
}

/** Exactly what is filtered: the table's rows, without paging. */
export function csvParams(state, def, win, width) {
  return showsBuckets(state) ? bucketParams(state, def, win, width) : filterParams(state, def, win);
}

/** An explicit step is offered only when it keeps to at most one bucket per pixel. */
export function stepFits(step, win, width) {
  return step === 'auto' || bucketCount(win, step) <= Math.max(10, width);
}
