// Gauge: one line per series over the window.
import { base, esc, legendLayout } from './palette.js';
import { showTime } from '../time.js';

const formatValue = (v) => (v == null ? '–' : String(v));

export function gaugeOption({ seriesList, win, unit, theme, width }) {
  const many = seriesList.length > 12;
  const crowd = seriesList.length > 100; // hundreds of lines: no legend, symbols or hover focus, so it draws in time
  const { legend, height } = crowd ? { legend: { show: false }, height: 0 } : legendLayout(seriesList.map((s) => s.name), width);
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
    series: seriesList.map((s) => ({
      name: s.name,
      type: 'line',
      showSymbol: !crowd && s.rows.length <= 60,
      symbol: crowd ? 'none' : 'emptyCircle',
      symbolSize: 5,
      sampling: crowd ? undefined : 'lttb', // the server already sends about one point per pixel
      lineStyle: crowd ? { width: 1 } : undefined,
      emphasis: crowd ? { disabled: true } : { focus: 'series' },
      data: s.rows.map((r) => [r.t, r.value]),
    })),
  };
}
