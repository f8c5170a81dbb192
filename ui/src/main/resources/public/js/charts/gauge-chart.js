// Gauge: one line per series over the window.
import { base, esc, legendLayout, PALETTE, colorAt } from './palette.js';
import { showTime } from '../time.js';
import { splitAtGaps, joinLoneRows, lineData } from '../series.js';

const formatValue = (v) => (v == null ? '–' : String(v));

/** Above this many series a chart draws them as a few batched polyline series, one per colour. */
export const CROWD = 100;

export function gaugeOption({ seriesList, win, unit, theme, width }) {
  if (seriesList.length > CROWD) return crowdOption({ seriesList, win, unit, theme });
  const many = seriesList.length > 12;
  const { legend, height } = legendLayout(seriesList.map((s) => s.name), width);
  const runsOf = seriesList.map((s) => splitAtGaps(s.rows));
  return {
    ...base(theme),
    legend,
    tooltip: {
      trigger: many ? 'item' : 'axis',
      confine: true,
      formatter: (p) => {
        const items = Array.isArray(p) ? p : [p];
        if (!items.length) return '';
        const head = `<strong>${esc(showTime(items[0].value[0]))}</strong>`;
        const lines = items.map((i) => `${i.marker}${esc(i.seriesName)}: <strong>${esc(formatValue(i.value[1]))}</strong>${unit ? ` ${esc(unit)}` : ''}`);
        return [head, ...lines].join('<br>');
      },
    },
    grid: { left: 12, right: 28, top: height + 34, bottom: 12, containLabel: true },
    xAxis: { type: 'time', min: win.start, max: win.end, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', scale: true, name: unit || '', nameTextStyle: { align: 'left' }, axisLabel: { hideOverlap: true } },
    series: [
      ...runsOf.map((runs, i) => ({
        name: seriesList[i].name,
        type: 'line',
        showSymbol: seriesList[i].rows.length <= 60,
        symbol: 'emptyCircle',
        symbolSize: 5,
        emphasis: { focus: 'series' },
        connectNulls: false,
        data: lineData(runs.filter((run) => run.length > 1), (r) => r.value), // the server already sends about one point per pixel
      })),
      // a point alone between two gaps has no line to be on: a dot, named and coloured as its series
      ...runsOf.map((runs, i) => ({
        name: seriesList[i].name,
        type: 'scatter',
        symbolSize: 5,
        itemStyle: { color: colorAt(i) },
        data: runs.filter((run) => run.length === 1).map(([r]) => [r.t, r.value]),
      })).filter((s) => s.data.length),
    ],
  };
}

/**
 * Hundreds of lines: one ECharts line series each costs seconds (every series is its own
 * element, with its own layout and hit-testing). Here each palette colour is one 'lines'
 * series of polylines in large mode, drawn as a single batched path: series i keeps colour i,
 * as with few series. No legend (it would be longer than the chart); hovering a line names it.
 */
function crowdOption({ seriesList, win, unit, theme }) {
  let min = Infinity;
  let max = -Infinity;
  const groups = PALETTE.map((colour) => ({ colour, names: [], series: [], length: 0 }));
  seriesList.forEach((s, i) => {
    if (!s.rows.length) return;
    const g = groups[i % PALETTE.length];
    for (const run of joinLoneRows(splitAtGaps(s.rows))) { // one polyline per run, each named by its series
      g.names.push(s.name);
      g.series.push(run);
      g.length += 1 + 2 * run.length;
    }
    for (const r of s.rows) {
      if (r.value < min) min = r.value;
      if (r.value > max) max = r.value;
    }
  });
  const [lo, hi] = niceExtent(min, max);
  const drawn = groups.filter((g) => g.series.length); // series index i is drawn[i]
  return {
    ...base(theme),
    legend: { show: false },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p) => `${p.marker}${esc(drawn[p.seriesIndex]?.names[p.dataIndex] ?? p.seriesName)}`,
    },
    grid: { left: 12, right: 28, top: 34, bottom: 12, containLabel: true },
    xAxis: { type: 'time', min: win.start, max: win.end, axisLabel: { hideOverlap: true } },
    // 'lines' series don't stretch a value axis: its extent comes from the data here
    yAxis: {
      type: 'value', name: unit || '', nameTextStyle: { align: 'left' }, axisLabel: { hideOverlap: true },
      min: lo,
      max: hi,
    },
    series: drawn.map((g) => ({
      name: 'series',
      type: 'lines',
      coordinateSystem: 'cartesian2d',
      polyline: true,
      large: true,
      largeThreshold: 0,
      progressive: 0,
      lineStyle: { color: g.colour, width: 1, opacity: 0.9 },
      emphasis: { disabled: true },
      data: flatCoords(g),
    })),
  };
}

/** The data's extent widened to round numbers: a tenth of the range's power of ten (0…1,070 → -100…1,100). */
function niceExtent(min, max) {
  if (!Number.isFinite(min)) return [undefined, undefined];
  const range = max > min ? max - min : Math.abs(max) || 1;
  const step = 10 ** (Math.floor(Math.log10(range)) - 1);
  return [Math.floor(min / step) * step, Math.ceil(max / step) * step];
}

/**
 * ECharts' fastest input for polylines: one Float64Array of [n, x1, y1, …, xn, yn, n', …]
 * (64-bit: epoch milliseconds need more than a float's 24-bit mantissa).
 */
function flatCoords(group) {
  const flat = new Float64Array(group.length);
  let o = 0;
  for (const rows of group.series) {
    flat[o++] = rows.length;
    for (const r of rows) {
      flat[o++] = r.t;
      flat[o++] = r.value;
    }
  }
  return flat;
}
