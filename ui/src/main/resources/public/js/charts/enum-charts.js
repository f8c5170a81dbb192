// Enum: a pie of the states over the window, and a timeline of which state each series was in.
import { base, esc, textOn } from './palette.js';
import { timeBand } from './time-band.js';
import { showTime } from '../time.js';

export const MAX_TIMELINE_ROWS = 40;

/**
 * The distribution counts points: each point is one report of a series' state, so a series that
 * changed state often weighs more than one that sat still. The title and tooltip say so, lest
 * the pie be read as how many series are in each state now. Slices in the timeline's state order.
 */
export function pieOption({ distribution, states, colorOf, theme }) {
  const data = states.filter((s) => distribution[s] != null)
    .map((name) => ({ name, value: distribution[name], itemStyle: { color: colorOf(name) }, label: { color: textOn(colorOf(name)) } }));
  return {
    ...base(theme),
    title: { text: 'Points per state', left: 'center', top: 0, textStyle: { fontSize: 13, fontWeight: 600 } },
    tooltip: { trigger: 'item', formatter: (p) => `${esc(p.name)}: <strong>${p.value}</strong> ${p.value === 1 ? 'point' : 'points'} (${p.percent}%)` },
    legend: { type: 'plain', bottom: 0, left: 'center', itemWidth: 14, itemGap: 8 },
    series: [{
      type: 'pie',
      radius: ['32%', '62%'],
      center: ['50%', '46%'],
      label: { position: 'inside', formatter: (p) => (p.percent >= 6 ? `${Math.round(p.percent)}%` : ''), fontWeight: 600 },
      labelLine: { show: false },
      data,
    }],
  };
}

/** rows: [{name, segments: [[start, end, state]]}] */
export function timelineOption({ rows, states, colorOf, win, theme }) {
  const data = [];
  rows.forEach((row, y) => {
    for (const [start, end, state] of row.segments) {
      data.push({ value: [y, start, end, state], itemStyle: { color: colorOf(state) } });
    }
  });
  return {
    ...base(theme),
    legend: { top: 0, left: 8, data: states },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p) => `${esc(rows[p.value[0]].name)}<br>${p.marker}<strong>${esc(p.value[3])}</strong><br>`
        + `${esc(showTime(p.value[1]))} – ${esc(showTime(p.value[2]))}`,
    },
    grid: { left: 12, right: 28, top: 40, bottom: 12, containLabel: true },
    xAxis: { type: 'time', min: win.start, max: win.end, axisLabel: { hideOverlap: true } },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      inverse: true,
      axisLabel: { width: 140, overflow: 'truncate', hideOverlap: true },
    },
    // one invisible series per state, so the legend names the colours
    series: [
      ...states.map((s) => ({ name: s, type: 'line', data: [], itemStyle: { color: colorOf(s) } })),
      {
        type: 'custom',
        name: 'states',
        renderItem: (params, api) => timeBand(params, api, { start: api.value(1), end: api.value(2), row: api.value(0), share: 0.7 }),
        encode: { x: [1, 2], y: 0 },
        data,
      },
    ],
  };
}

/**
 * Too many series for a row each (thousands of orders over a month): the states' counts per
 * bucket, stacked, over all series. rows: the graph's per-series bucket rows, each with `t` and
 * `counts` (or a raw point's `value`).
 */
export function stateCountsOption({ rows, states, colorOf, win, theme }) {
  const byTime = new Map();
  for (const r of rows) {
    const counts = r.counts || { [r.value]: 1 };
    let acc = byTime.get(r.t);
    if (!acc) byTime.set(r.t, (acc = {}));
    for (const [state, n] of Object.entries(counts)) acc[state] = (acc[state] || 0) + n;
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  return {
    ...base(theme),
    legend: { top: 0, left: 8, data: states },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (items) => {
        const list = (Array.isArray(items) ? items : [items]).filter((i) => i.value[1] > 0);
        if (!list.length) return '';
        return [`<strong>${esc(showTime(list[0].value[0]))}</strong>`,
          ...list.map((i) => `${i.marker}${esc(i.seriesName)}: <strong>${i.value[1]}</strong> ${i.value[1] === 1 ? 'point' : 'points'}`)].join('<br>');
      },
    },
    // top: room for the y axis' name under the legend
    grid: { left: 12, right: 28, top: 56, bottom: 12, containLabel: true },
    xAxis: { type: 'time', min: win.start, max: win.end, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: 'points', minInterval: 1, axisLabel: { hideOverlap: true } },
    series: states.map((state) => ({
      name: state,
      type: 'bar',
      stack: 'states',
      barMinWidth: 1,
      barMaxWidth: 40,
      itemStyle: { color: colorOf(state) },
      data: times.map((t) => [t, byTime.get(t)[state] || 0]),
    })),
  };
}
