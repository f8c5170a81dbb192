// Enum: a pie of the states over the window, and a timeline of which state each series was in.
import { base, esc } from './palette.js';
import { showTime } from '../time.js';

export const MAX_TIMELINE_ROWS = 40;

export function pieOption({ distribution, colorOf, theme }) {
  const data = Object.entries(distribution).map(([name, value]) => ({ name, value, itemStyle: { color: colorOf(name) } }));
  return {
    ...base(theme),
    tooltip: { trigger: 'item', formatter: (p) => `${esc(p.name)}: <strong>${p.value}</strong> (${p.percent}%)` },
    legend: { type: 'plain', bottom: 0, left: 'center', itemWidth: 14, itemGap: 8 },
    series: [{
      type: 'pie',
      radius: ['32%', '62%'],
      center: ['50%', '42%'],
      label: { position: 'inside', formatter: (p) => (p.percent >= 6 ? `${Math.round(p.percent)}%` : ''), color: '#fff', fontWeight: 600 },
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
        renderItem: (params, api) => {
          const y = api.value(0);
          const a = api.coord([api.value(1), y]);
          const b = api.coord([api.value(2), y]);
          const height = api.size([0, 1])[1] * 0.7;
          const cs = params.coordSys;
          const x0 = Math.max(a[0], cs.x);
          const x1 = Math.min(b[0], cs.x + cs.width);
          if (x1 <= x0 - 0.5) return null;
          return {
            type: 'rect',
            shape: { x: x0, y: a[1] - height / 2, width: Math.max(x1 - x0, 1), height },
            style: { fill: api.visual('color') },
          };
        },
        encode: { x: [1, 2], y: 0 },
        data,
      },
    ],
  };
}
