// The left pane: every metric with its type badge and unit, narrowed by the search box.
import { h } from './dom.js';

export class MetricList {
  constructor(listEl, searchEl, statusEl, onPick) {
    this.listEl = listEl;
    this.statusEl = statusEl;
    this.searchEl = searchEl;
    this.onPick = onPick;
    this.metrics = [];
    this.selected = null;
    searchEl.addEventListener('input', () => this.render());
  }

  setMetrics(metrics) {
    this.metrics = metrics;
    this.render();
  }

  select(name) {
    this.selected = name;
    this.render();
  }

  render() {
    const needle = this.searchEl.value.trim().toLowerCase();
    const shown = this.metrics.filter((m) => !needle || m.name.toLowerCase().includes(needle)
      || (m.description || '').toLowerCase().includes(needle));
    this.listEl.replaceChildren(...shown.map((m) => h('li', {},
      h('a', {
        href: `?metric=${encodeURIComponent(m.name)}`,
        class: m.name === this.selected ? 'metric-link selected' : 'metric-link',
        'aria-current': m.name === this.selected ? 'page' : null,
        dataset: { metric: m.name },
        onclick: (e) => {
          if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          this.onPick(m.name);
        },
      },
      h('span', { class: 'metric-name' }, m.name),
      h('span', { class: `badge badge-${m.type}` }, m.type),
      m.unit ? h('span', { class: 'metric-unit muted' }, m.unit) : null))));
    if (!this.metrics.length) this.statusEl.textContent = 'No metrics yet.';
    else if (!shown.length) this.statusEl.textContent = `No metric matches “${this.searchEl.value.trim()}”.`;
    else this.statusEl.textContent = '';
  }
}
