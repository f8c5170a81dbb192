// Shapes API rows (raw points or downsampled buckets) into what the charts draw.
import { parseTime } from './time.js';

export function seriesName(labels, fallback) {
  const parts = Object.entries(labels || {}).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(', ') : fallback;
}

/** Rows grouped by their labels, in order of first appearance; each row gets a numeric time `t`. */
export function splitSeries(rows, fallbackName) {
  const byKey = new Map();
  for (const row of rows) {
    const key = JSON.stringify(row.labels || {});
    let s = byKey.get(key);
    if (!s) {
      s = { labels: row.labels || {}, name: seriesName(row.labels, fallbackName), rows: [] };
      byKey.set(key, s);
    }
    s.rows.push({ ...row, t: parseTime(row.timestamp) });
  }
  return shortNames([...byKey.values()], fallbackName);
}

/** Legends name a series by the label values that tell it apart ("ipad · EU"), not every label. */
function shortNames(list, fallbackName) {
  if (list.length < 2) return list;
  const keys = [...new Set(list.flatMap((s) => Object.keys(s.labels)))];
  const varying = keys.filter((k) => new Set(list.map((s) => s.labels[k])).size > 1);
  for (const s of list) {
    const parts = varying.map((k) => s.labels[k]).filter((v) => v !== undefined);
    s.name = parts.length ? parts.join(' · ') : fallbackName;
  }
  return list;
}

/** The width of a bucket answer: the smallest gap between a series' bucket starts, or the fallback. */
export function bucketWidth(seriesList, fallbackMs) {
  let best = Infinity;
  for (const s of seriesList) {
    for (let i = 1; i < s.rows.length; i++) best = Math.min(best, s.rows[i].t - s.rows[i - 1].t);
  }
  return Number.isFinite(best) && best > 0 ? Math.min(best, fallbackMs) : fallbackMs;
}

/**
 * A series' rows (each with a time `t`) cut where the series went quiet: at a step between two
 * rows over three times its 90th-percentile step. Buckets without points are left out of API
 * answers, so a line drawn through the rows as they come would bridge an outage with a straight
 * line, as if the metric had been reported all along. The percentile, not the median, so that a
 * gauge written on change, at irregular times, is not cut at every longer pause. Three rows or
 * fewer: no typical step, one run.
 */
export function splitAtGaps(rows) {
  if (rows.length < 4) return rows.length ? [rows] : [];
  const steps = [];
  for (let i = 1; i < rows.length; i++) steps.push(rows[i].t - rows[i - 1].t);
  const sorted = [...steps].sort((a, b) => a - b);
  const typical = sorted[Math.floor(0.9 * (sorted.length - 1))];
  const runs = [[rows[0]]];
  for (let i = 1; i < rows.length; i++) {
    if (typical > 0 && steps[i - 1] > 3 * typical) runs.push([]);
    runs[runs.length - 1].push(rows[i]);
  }
  return runs;
}

/** Runs with each lone row joined to the run before it (or after it): for lines that can't show a lone point. */
export function joinLoneRows(runs) {
  const out = [];
  for (const run of runs) {
    if (run.length === 1 && out.length) out[out.length - 1].push(run[0]);
    else if (out.length && out[out.length - 1].length === 1) out[out.length - 1].push(...run);
    else out.push([...run]);
  }
  return out;
}

/** A line's data points with a null between runs, where ECharts lifts the pen (connectNulls is off). */
export function lineData(runs, valueOf) {
  const data = [];
  runs.forEach((run, k) => {
    if (k) data.push([(runs[k - 1][runs[k - 1].length - 1].t + run[0].t) / 2, null]);
    for (const r of run) data.push([r.t, valueOf(r)]);
  });
  return data;
}

/** An enum series as [start, end, state] segments: each bucket's dominant state (or a raw point's
 *  state) holds until the series' next bucket, the last one until the end of the window. */
export function stateSegments(series, stepMs, windowEnd) {
  const segs = [];
  const rows = series.rows;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const state = r.counts ? (Object.entries(r.counts).sort((a, b) => b[1] - a[1])[0] || [])[0] : r.value;
    if (state === undefined) continue;
    const end = i + 1 < rows.length ? rows[i + 1].t : Math.max(windowEnd, r.t + stepMs);
    const last = segs[segs.length - 1];
    if (last && last[2] === state && last[1] === r.t) last[1] = end; // one bar for a state that lasts
    else segs.push([r.t, end, state]);
  }
  return segs;
}

export const boundValue = (text) => (/^\+?inf$/i.test(text) ? Infinity : Number(text));
export const boundLabel = (text) => (/^\+?inf$/i.test(text) ? '+Inf' : text);

/** Histogram rows summed per timestamp: {times, bounds (ascending texts), counts[timeIdx][boundIdx]}. */
export function mergeHistogram(rows) {
  const bounds = new Map();
  const byTime = new Map();
  for (const r of rows) {
    const t = parseTime(r.timestamp);
    const acc = byTime.get(t) || new Map();
    for (const [b, c] of Object.entries(r.buckets || {})) {
      const label = boundLabel(b);
      bounds.set(label, boundValue(b));
      acc.set(label, (acc.get(label) || 0) + c);
    }
    byTime.set(t, acc);
  }
  const boundList = [...bounds.entries()].sort((a, b) => a[1] - b[1]).map(([label]) => label);
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const counts = times.map((t) => boundList.map((b) => byTime.get(t).get(b) || 0));
  return { times, bounds: boundList, counts };
}

/** The index of the bucket holding the q-quantile's rank (per-bucket counts), or -1 when there are none. */
function rankBucket(counts, q) {
  const total = counts.reduce((a, b) => a + b, 0);
  const rank = q * total;
  let seen = 0;
  for (let i = 0; total > 0 && i < counts.length; i++) {
    if (seen + counts[i] >= rank && counts[i] > 0) return i;
    seen += counts[i];
  }
  return -1;
}

/** Whether the q-quantile's rank lands in an unbounded (+Inf) bucket: its answer is then only a lower limit. */
export function rankInOverflow(bounds, counts, q) {
  const i = rankBucket(counts, q);
  return i >= 0 && !Number.isFinite(boundValue(bounds[i]));
}

/** Prometheus-style quantile over per-bucket (not cumulative) counts, as api.md defines it. */
export function quantile(bounds, counts, q) {
  const i = rankBucket(counts, q);
  if (i < 0) return null;
  const values = bounds.map(boundValue);
  if (!Number.isFinite(values[i])) {
    const finite = values.filter(Number.isFinite);
    return finite.length ? finite[finite.length - 1] : null;
  }
  const rank = q * counts.reduce((a, b) => a + b, 0);
  const seen = counts.slice(0, i).reduce((a, b) => a + b, 0);
  const lower = i === 0 ? (values[0] <= 0 ? values[0] : 0) : values[i - 1];
  return lower + (values[i] - lower) * ((rank - seen) / counts[i]);
}
