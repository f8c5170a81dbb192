// Histogram: a heatmap (time x bucket, colour = count) above the p50/p90/p99 lines, both on the
// window's time axis, so an hour or a day without observations shows as a gap, not as nothing.
import { base, esc } from './palette.js';
import { timeBand } from './time-band.js';
import { showTime } from '../time.js';
import { quantile, rankInOverflow, splitAtGaps, joinLoneRows, lineData } from '../series.js';

const QUANTILES = [['p50', 0.5], ['p90', 0.9], ['p99', 0.99]];

/**
 * The bucket rows' names: "≤ bound", and for the +Inf bucket "> the highest finite bound", which is
 * what its observations are known to be.
 */
function rowNames(bounds, highest) {
  return bounds.map((b) => (b === '+Inf' ? (highest != null ? `> ${highest}` : 'all') : `≤ ${b}`));
}

/**
 * How long each column lasts: until the next one, so points reported every ten minutes make a
 * solid heatmap even at a finer step, but never over a gap where the series went quiet (nor, for
 * the last column, longer than the usual spacing); at least one step.
 */
function columnWidths(times, stepMs) {
  if (times.length < 4) return times.map(() => stepMs); // too few to tell a usual spacing from a gap
  const runs = splitAtGaps(times.map((t) => ({ t })));
  const spacing = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  const usual = spacing[(spacing.length - 1) >> 1];
  return runs.flatMap((run) => run.map((r, i) => Math.max(stepMs, i + 1 < run.length ? run[i + 1].t - r.t : usual)));
}

/** merged: mergeHistogram's {times, bounds, counts}; stepMs: the width of a bucket answer. */
export function histogramOption({ merged, stepMs, win, unit, theme }) {
  const { times, bounds, counts } = merged;
  const finite = bounds.filter((b) => b !== '+Inf');
  const highest = finite.length ? finite[finite.length - 1] : null;
  const names = rowNames(bounds, highest);
  const widths = columnWidths(times, stepMs);
  const cells = [];
  let max = 0;
  counts.forEach((row, x) => row.forEach((c, y) => {
    if (c > 0) cells.push([times[x], times[x] + widths[x], y, c]);
    max = Math.max(max, c);
  }));
  const rows = times.map((t, x) => ({ t, x }));
  const unitText = unit ? ` ${esc(unit)}` : '';
  // a rank in the +Inf bucket answers the highest finite bound (api.md, as Prometheus does): only
  // a lower limit, so it is drawn as a triangle and read as "≥ bound"
  const overflow = (x, q) => rankInOverflow(bounds, counts[x], q);
  const dark = theme === 'dark';
  const timeAxis = (gridIndex, show) => ({
    type: 'time', gridIndex, min: win.start, max: win.end, axisLabel: { show, hideOverlap: true }, splitLine: { show: false },
  });
  return {
    ...base(theme),
    legend: { top: 0, left: 8, data: QUANTILES.map(([name]) => name) },
    tooltip: {
      confine: true,
      formatter: (p) => {
        if (p.seriesType === 'custom') {
          return `<strong>${esc(showTime(p.value[0]))}</strong><br>bucket ${esc(names[p.value[2]])}${unitText}: <strong>${p.value[3]}</strong>`;
        }
        const [t, v] = p.value;
        if (v == null) return '';
        const x = times.indexOf(t);
        const q = QUANTILES.find(([name]) => name === p.seriesName)[1];
        const over = x >= 0 && overflow(x, q);
        return `<strong>${esc(showTime(t))}</strong><br>${p.marker}${p.seriesName}: <strong>${over ? '≥ ' : ''}${v}</strong>${unitText}`
          + (over ? `<br>above the highest bound (${esc(highest)}${unitText}): the bucket does not say how far` : '');
      },
    },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    visualMap: {
      min: 0,
      max: Math.max(1, max),
      dimension: 3,
      calculable: false,
      orient: 'horizontal',
      top: 0,
      right: 8,
      itemHeight: 90,
      itemWidth: 10,
      text: [String(max), '0'],
      seriesIndex: 0,
      inRange: { color: dark ? ['#1e3a5f', '#0ea5e9', '#fde047'] : ['#dbeafe', '#3b82f6', '#1e3a8a'] },
    },
    grid: [
      // the same left and right margins, so the heatmap and the lines below share the time axis to the pixel
      { left: 84, right: 28, top: 52, height: '46%' },
      { left: 84, right: 28, bottom: 30, height: '24%' },
    ],
    xAxis: [timeAxis(0, true), timeAxis(1, true)],
    yAxis: [
      { type: 'category', data: names, gridIndex: 0, name: unit ? `bucket (${unit})` : 'bucket' },
      { type: 'value', gridIndex: 1, name: unit || '', scale: true, axisLabel: { hideOverlap: true } },
    ],
    series: [
      {
        type: 'custom',
        name: 'count',
        xAxisIndex: 0,
        yAxisIndex: 0,
        renderItem: (params, api) => timeBand(params, api, { start: api.value(0), end: api.value(1), row: api.value(2), minWidth: 3 }),
        encode: { x: [0, 1], y: 2 },
        progressive: 0,
        data: cells,
      },
      ...QUANTILES.map(([name, q]) => ({
        name,
        type: 'line',
        xAxisIndex: 1,
        yAxisIndex: 1,
        showSymbol: times.length <= 60,
        connectNulls: false,
        data: lineData(joinLoneRows(splitAtGaps(rows)), (r) => quantile(bounds, counts[r.x], q)),
      })),
      ...QUANTILES.map(([name, q], i) => ({ // the quantiles that are only lower limits
        name,
        type: 'scatter',
        xAxisIndex: 1,
        yAxisIndex: 1,
        symbol: 'triangle',
        symbolSize: 8,
        z: 3 + i,
        data: rows.filter((r) => overflow(r.x, q)).map((r) => [r.t, quantile(bounds, counts[r.x], q)]),
      })),
    ],
  };
}
