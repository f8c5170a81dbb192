// One ECharts instance in one element: theme, resize, drag-to-zoom and double-click reset.
import * as echarts from './echarts.js';

export class ChartHost {
  /** @param el the element to draw in; @param opts {theme, onZoom(start, end), onReset(), label} */
  constructor(el, { theme, onZoom, onReset, label }) {
    this.el = el;
    this.onZoom = onZoom;
    this.onReset = onReset;
    this.toTime = null;
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', label || 'chart');
    this.init(theme);
    this.resizer = new ResizeObserver(() => this.chart.resize());
    this.resizer.observe(el);
  }

  init(theme) {
    this.chart = echarts.init(this.el, theme === 'dark' ? 'dark' : null, { renderer: 'canvas' });
    const zr = this.chart.getZr();
    zr.on('dblclick', () => this.onReset && this.onReset());
    zr.on('mousedown', (e) => this.dragStart(e));
    zr.on('mousemove', (e) => this.dragMove(e));
    zr.on('mouseup', (e) => this.dragEnd(e));
    zr.on('globalout', () => this.dragCancel());
  }

  /** Draws the option. toTime(pixelX) maps a pixel to epoch ms where dragging should zoom, or is null. */
  render(option, toTime = null) {
    this.option = option;
    this.toTime = toTime;
    this.chart.setOption(option, { notMerge: true, lazyUpdate: false });
  }

  setTheme(theme) {
    this.chart.dispose();
    this.init(theme);
    if (this.option) this.chart.setOption(this.option, { notMerge: true });
  }

  dispose() {
    this.resizer.disconnect();
    this.chart.dispose();
  }

  dragStart(e) {
    if (!this.toTime || !this.chart.containPixel({ gridIndex: 0 }, [e.offsetX, e.offsetY])) return;
    const grid = this.chart.getModel().getComponent('grid', 0).coordinateSystem.getRect();
    this.drag = { x: e.offsetX, grid };
    this.band = new echarts.graphic.Rect({
      shape: { x: e.offsetX, y: grid.y, width: 0, height: grid.height },
      style: { fill: 'rgba(59,130,246,0.18)', stroke: 'rgba(59,130,246,0.8)' },
      silent: true,
      z: 1000,
    });
    this.chart.getZr().add(this.band);
  }

  dragMove(e) {
    if (!this.drag) return;
    const { grid } = this.drag;
    const x = Math.min(Math.max(e.offsetX, grid.x), grid.x + grid.width);
    this.band.setShape({ x: Math.min(x, this.drag.x), width: Math.abs(x - this.drag.x) });
  }

  dragEnd(e) {
    if (!this.drag) return;
    const { grid, x: x0 } = this.drag;
    const x1 = Math.min(Math.max(e.offsetX, grid.x), grid.x + grid.width);
    this.dragCancel();
    if (Math.abs(x1 - x0) < 6) return;
    const a = this.toTime(Math.min(x0, x1));
    const b = this.toTime(Math.max(x0, x1));
    if (a != null && b != null && b > a && this.onZoom) this.onZoom(Math.round(a), Math.round(b));
  }

  dragCancel() {
    if (this.band) this.chart.getZr().remove(this.band);
    this.band = null;
    this.drag = null;
  }
}
