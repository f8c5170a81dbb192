// The Graph tab: fetches what the metric's type needs and draws it the way that type deserves.
import { h } from './dom.js';
import { readData, readDistribution } from './api.js';
import { bucketParams, filterParams } from './query.js';
import { splitSeries, stateSegments, bucketWidth, mergeHistogram } from './series.js';
import { autoStep, durationMs } from './time.js';
import { ChartHost } from './charts/chart-host.js';
import { colorAt } from './charts/palette.js';
import { gaugeOption } from './charts/gauge-chart.js';
import { pieOption, timelineOption, stateCountsOption, MAX_TIMELINE_ROWS } from './charts/enum-charts.js';
import { histogramOption } from './charts/histogram-chart.js';
import * as status from './status.js';

export class GraphView {
  constructor(container, statusEl, noteEl, { onZoom, onReset }) {
    this.container = container;
    this.statusEl = statusEl;
    this.noteEl = noteEl;
    this.handlers = { onZoom, onReset };
    this.hosts = {};
    this.layoutKind = null;
    this.theme = 'light';
  }

  /** The chart's width in pixels: the most points a series is asked for. */
  width() {
    const el = this.container.clientWidth ? this.container : this.container.closest('.content');
    return Math.max(200, Math.floor(el?.clientWidth || 800));
  }

  async show(def, state, win, signal) {
    status.showLoading(this.statusEl);
    this.noteEl.textContent = '';
    const width = this.width();
    try {
      if (def.type === 'gauge') await this.gauge(def, state, win, width, signal);
      else if (def.type === 'enum') await this.enumeration(def, state, win, width, signal);
      else await this.histogram(def, state, win, width, signal);
    } catch (e) {
      if (e.name === 'AbortError') return;
      this.layout(null);
      status.showError(this.statusEl, e);
    }
  }

  async gauge(def, state, win, width, signal) {
    const { rows } = await readData(def.name, bucketParams(state, def, win, width), signal);
    const seriesList = splitSeries(rows, def.name);
    if (!this.drawn(rows, win)) return;
    const host = this.layout('gauge').main;
    host.render(gaugeOption({ seriesList, win, unit: def.unit, theme: this.theme, width: host.el.clientWidth }), (x) => host.chart.convertFromPixel({ xAxisIndex: 0 }, x));
    this.mark(host, seriesList.length, rows.length);
  }

  async enumeration(def, state, win, width, signal) {
    const [distribution, { rows }] = await Promise.all([
      readDistribution(def.name, filterParams(state, def, win), signal),
      readData(def.name, bucketParams(state, def, win, width), signal),
    ]);
    if (!this.drawn(rows, win)) return;
    const seen = new Set(Object.keys(distribution));
    rows.forEach((r) => (r.counts ? Object.keys(r.counts).forEach((s) => seen.add(s)) : seen.add(r.value)));
    const states = [...(def.states || []).filter((s) => seen.has(s)), ...[...seen].filter((s) => !(def.states || []).includes(s)).sort()];
    const order = def.states && def.states.length ? def.states : states;
    const colorOf = (s) => colorAt(order.indexOf(s) >= 0 ? order.indexOf(s) : order.length + states.indexOf(s));
    const seriesList = splitSeries(rows, def.name);
    const step = state.step === 'auto' ? autoStep(win, width) : state.step;
    const stepMs = bucketWidth(seriesList, durationMs(step));
    const { pie, timeline: tl } = this.layout('enum');
    pie.render(pieOption({ distribution, states, colorOf, theme: this.theme }));
    const toTime = (x) => tl.chart.convertFromPixel({ xAxisIndex: 0 }, x);
    if (seriesList.length > MAX_TIMELINE_ROWS) {
      this.noteEl.textContent = `${seriesList.length} series are too many for a timeline row each: the chart counts their points per state over time. Filter to ${MAX_TIMELINE_ROWS} or fewer series for a timeline.`;
      tl.render(stateCountsOption({ rows: seriesList.flatMap((s) => s.rows), states, colorOf, win, theme: this.theme }), toTime);
      tl.el.dataset.view = 'counts';
      tl.el.setAttribute('aria-label', 'Stacked bars of the points per state over time, all series together');
    } else {
      const timeline = seriesList
        .map((s) => ({ name: s.name, segments: stateSegments(s, stepMs, win.end) }))
        .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
      tl.render(timelineOption({ rows: timeline, states, colorOf, win, theme: this.theme }), toTime);
      tl.el.dataset.view = 'timeline';
      tl.el.setAttribute('aria-label', 'Timeline of the state of each series');
    }
    this.mark(pie, Object.keys(distribution).length, Object.keys(distribution).length);
    this.mark(tl, seriesList.length, rows.length);
  }

  async histogram(def, state, win, width, signal) {
    const { rows } = await readData(def.name, bucketParams(state, def, win, width), signal);
    if (!this.drawn(rows, win)) return;
    const merged = mergeHistogram(rows);
    const step = state.step === 'auto' ? autoStep(win, width) : state.step;
    const stepMs = bucketWidth([{ rows: merged.times.map((t) => ({ t })) }], durationMs(step));
    if (state.groupBy.length) this.noteEl.textContent = 'The heatmap adds up every series; grouping shows in the table and the CSV.';
    const host = this.layout('histogram').main;
    host.render(histogramOption({ merged, stepMs, win, unit: def.unit, theme: this.theme }), (x) => host.chart.convertFromPixel({ xAxisIndex: 0 }, x));
    this.mark(host, 1, merged.times.length);
  }

  /** No chart, and "Loading…": while a newly picked metric's range is being found. */
  clear() {
    this.layout(null);
    this.noteEl.textContent = '';
    status.showLoading(this.statusEl);
  }

  /** False (and an empty-range message) when there is nothing to draw. */
  drawn(rows, win) {
    if (!rows.length) {
      this.layout(null);
      status.showEmpty(this.statusEl, win);
      return false;
    }
    status.clear(this.statusEl);
    return true;
  }

  mark(host, series, points) {
    host.el.dataset.series = String(series);
    host.el.dataset.points = String(points);
  }

  layout(kind) {
    if (this.layoutKind === kind) return this.hosts;
    Object.values(this.hosts).forEach((host) => host.dispose());
    this.hosts = {};
    this.layoutKind = kind;
    this.container.className = `charts charts-${kind || 'none'}`;
    this.container.replaceChildren();
    const add = (name, cls, label) => {
      const el = h('div', { class: `chart ${cls}`, dataset: { chart: name } });
      this.container.append(el);
      this.hosts[name] = new ChartHost(el, { theme: this.theme, label, ...this.handlers });
    };
    if (kind === 'gauge') add('main', 'chart-line', 'Line chart, one line per series');
    if (kind === 'enum') {
      add('pie', 'chart-pie', 'Pie chart of the states over the range');
      add('timeline', 'chart-timeline', 'Timeline of the state of each series');
    }
    if (kind === 'histogram') add('main', 'chart-heatmap', 'Heatmap of bucket counts over time, with p50, p90 and p99');
    return this.hosts;
  }

  setTheme(theme) {
    this.theme = theme;
    Object.values(this.hosts).forEach((host) => host.setTheme(theme));
  }

  /** Hidden tabs have no width: charts resize when shown again. */
  resize() {
    Object.values(this.hosts).forEach((host) => host.chart.resize());
  }
}
