// Histogram: a heatmap (time x bucket, colour = count) above the p50/p90/p99 lines.
import { base, esc } from './palette.js';
import { showTime } from '../time.js';
import { quantile } from '../series.js';

/** Axis labels as short as the span allows: times within a day, dates and times beyond. */
function axisLabels(times) {
  const span = times.length ? times[times.length - 1] - times[0] : 0;
  return times.map((t) => {
    const full = showTime(t);
    return span <= 86_400_000 ? full.slice(11, 16) : full.slice(5, 16);
  });
}

export function histogramOption({ merged, unit, theme }) {
  const { times, bounds, counts } = merged;
  const labels = times.map((t) => showTime(t));
  const short = axisLabels(times);
  const cells = [];
  let max = 0;
  counts.forEach((row, x) => row.forEach((c, y) => {
    if (c > 0) cells.push([x, y, c]);
    max = Math.max(max, c);
  }));
  const q = (p) => counts.map((row) => quantile(bounds, row, p));
  const dark = theme === 'dark';
  return {
    ...base(theme),
    legend: { top: 0, left: 8, data: ['p50', 'p90', 'p99'] },
    tooltip: {
      confine: true,
      formatter: (p) => (p.seriesType === 'heatmap'
        ? `<strong>${esc(labels[p.value[0]])}</strong><br>bucket ≤ ${esc(bounds[p.value[1]])}: <strong>${p.value[2]}</strong>`
        : `<strong>${esc(labels[p.dataIndex])}</strong><br>${p.marker}${p.seriesName}: <strong>${p.value == null ? '–' : p.value}</strong>${unit ? ` ${esc(unit)}` : ''}`),
    },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    visualMap: {
      min: 0,
      max: Math.max(1, max),
      calculable: false,
      orient: 'horizontal',
      top: 0,
      right: 8,
      itemHeight: 90,
      itemWidth: 10,
      text: [String(max), '0'],
      seriesIndex: 0,
      inRange: { color: dark ? ['#1e293b', '#0ea5e9', '#fde047'] : ['#eff6ff', '#3b82f6', '#1e3a8a'] },
    },
    grid: [
      // fixed margins, so the heatmap and the lines below it share one time axis to the pixel
      { left: 72, right: 28, top: 52, height: '52%' },
      { left: 72, right: 28, bottom: 30, height: '24%' },
    ],
    xAxis: [
      { type: 'category', data: labels, gridIndex: 0, axisLabel: { show: false }, splitArea: { show: false } },
      { type: 'category', data: short, gridIndex: 1, axisLabel: { hideOverlap: true } },
    ],
    yAxis: [
      { type: 'category', data: bounds.map((b) => `≤ ${b}`), gridIndex: 0, name: unit ? `bucket (${unit})` : 'bucket' },
      { type: 'value', gridIndex: 1, name: unit || '', scale: true, axisLabel: { hideOverlap: true } },
    ],
    series: [
      { type: 'heatmap', name: 'count', xAxisIndex: 0, yAxisIndex: 0, data: cells, progressive: 0 },
      ...['p50', 'p90', 'p99'].map((name, i) => ({
        name,
        type: 'line',
        xAxisIndex: 1,
        yAxisIndex: 1,
        showSymbol: times.length <= 60,
        connectNulls: false,
        data: q([0.5, 0.9, 0.99][i]),
      })),
    ],
  };
}
