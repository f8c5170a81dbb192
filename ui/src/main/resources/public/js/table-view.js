// The Table tab: the rows behind the chart, sortable by column, paged from the server.
import { $, h } from './dom.js';
import { readData } from './api.js';
import { tableParams, showsBuckets, TABLE_PAGE_SIZE } from './query.js';
import { boundLabel, boundValue } from './series.js';
import { parseTime, showTime, timeZoneName } from './time.js';
import * as status from './status.js';

export class TableView {
  /** onPage(cursor) moves to the raw page starting at cursor (null: the first); onSort(sort) */
  constructor(tableEl, statusEl, { onPage, onSort }) {
    this.tableEl = tableEl;
    this.statusEl = statusEl;
    this.onPage = onPage;
    this.onSort = onSort;
    this.cursors = []; // raw pages before the current one
    this.offset = 0; // bucket answers are paged here, a page at a time into the DOM
    $('page-first').addEventListener('click', () => this.first());
    $('page-prev').addEventListener('click', () => this.previous());
    $('page-next').addEventListener('click', () => this.next());
  }

  async show(def, state, win, width, signal) {
    status.showLoading(this.statusEl);
    this.def = def;
    this.state = state;
    this.buckets = showsBuckets(state);
    try {
      const { rows, next } = await readData(def.name, tableParams(state, def, win, width), signal);
      this.rows = rows;
      this.nextCursor = next;
      if (!this.buckets && state.at == null) this.cursors = [];
      if (this.offset >= rows.length) this.offset = 0;
      if (!rows.length) status.showEmpty(this.statusEl, win);
      else status.clear(this.statusEl);
      this.render();
    } catch (e) {
      if (e.name === 'AbortError') return;
      this.rows = [];
      this.render();
      status.showError(this.statusEl, e);
    }
  }

  columns() {
    const { def, state, rows } = this;
    const labelKeys = this.buckets && state.groupBy.length ? state.groupBy
      : (this.buckets && def.type === 'histogram' ? [] : def.label_keys);
    const zone = timeZoneName();
    const cols = [{ key: 'timestamp', title: `${this.buckets ? 'bucket start' : 'timestamp'} (${zone})`, get: (r) => parseTime(r.timestamp), show: (v) => showTime(v) }];
    labelKeys.forEach((k) => cols.push({ key: `label:${k}`, title: k, get: (r) => r.labels?.[k] ?? '' }));
    if (def.type === 'gauge') {
      cols.push({ key: 'value', title: this.buckets ? state.agg : 'value', get: (r) => r.value });
    } else if (def.type === 'enum') {
      if (!this.buckets) cols.push({ key: 'value', title: 'state', get: (r) => r.value });
      else {
        const states = [...new Set(rows.flatMap((r) => Object.keys(r.counts || {})))];
        states.forEach((s) => cols.push({ key: `count:${s}`, title: s, get: (r) => r.counts?.[s] ?? 0 }));
      }
    } else {
      const bounds = [...new Set(rows.flatMap((r) => Object.keys(r.buckets || {}).map(boundLabel)))]
        .sort((a, b) => boundValue(a) - boundValue(b));
      const count = (r, b) => Object.entries(r.buckets || {}).find(([k]) => boundLabel(k) === b)?.[1] ?? 0;
      bounds.forEach((b) => cols.push({ key: `le:${b}`, title: `le_${b}`, get: (r) => count(r, b) }));
      if (this.buckets) ['count', 'sum', 'p50', 'p90', 'p99'].forEach((k) => cols.push({ key: k, title: k, get: (r) => r[k] }));
      else cols.push({ key: 'sum', title: 'sum', get: (r) => r.value });
    }
    return cols;
  }

  render() {
    const cols = this.columns();
    // bucket answers are all here, so they sort as a whole before paging; raw points come a page
    // at a time from the server, oldest first, and sort within their page
    let rows = this.rows;
    const sort = this.state.sort && cols.find((c) => c.key === this.state.sort.column) ? this.state.sort : null;
    if (sort) {
      const col = cols.find((c) => c.key === sort.column);
      const dir = sort.dir === 'asc' ? 1 : -1;
      rows = [...rows].sort((a, b) => dir * compare(col.get(a), col.get(b)));
    }
    if (this.buckets) rows = rows.slice(this.offset, this.offset + TABLE_PAGE_SIZE);
    const head = h('tr', {}, ...cols.map((c) => {
      const dir = sort && sort.column === c.key ? sort.dir : null;
      return h('th', { scope: 'col', 'aria-sort': dir ? (dir === 'asc' ? 'ascending' : 'descending') : 'none' },
        h('button', {
          type: 'button', class: 'sort-button', dataset: { column: c.key },
          onclick: () => this.onSort({ column: c.key, dir: dir === 'asc' ? 'desc' : 'asc' }),
        }, c.title, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : '')));
    }));
    const body = rows.map((r) => h('tr', {}, ...cols.map((c) => {
      const v = c.get(r);
      if (typeof v === 'number' && !c.show) return h('td', { class: 'num', title: String(v) }, formatNumber(v));
      return h('td', {}, v == null ? '' : c.show ? c.show(v) : String(v));
    })));
    this.tableEl.replaceChildren(h('thead', {}, head), h('tbody', {}, ...body));
    this.renderPager(rows.length);
  }

  renderPager(shown) {
    const sortNote = this.state.sort ? ' (sorted within this page)' : '';
    if (this.buckets) {
      const total = this.rows.length;
      $('page-info').textContent = total ? `Buckets ${this.offset + 1}–${this.offset + shown} of ${total}` : '';
      $('page-prev').disabled = this.offset === 0;
      $('page-first').disabled = this.offset === 0;
      $('page-next').disabled = this.offset + TABLE_PAGE_SIZE >= total;
    } else {
      const page = this.cursors.length + 1;
      $('page-info').textContent = shown ? `Page ${page}: ${shown} points${this.nextCursor ? '' : ' (last page)'}${sortNote}` : '';
      $('page-prev').disabled = this.state.at == null;
      $('page-first').disabled = this.state.at == null;
      $('page-next').disabled = !this.nextCursor;
    }
  }

  next() {
    if (this.buckets) { this.offset += TABLE_PAGE_SIZE; this.render(); return; }
    this.cursors.push(this.state.at);
    this.onPage(parseTime(this.nextCursor));
  }

  previous() {
    if (this.buckets) { this.offset = Math.max(0, this.offset - TABLE_PAGE_SIZE); this.render(); return; }
    this.onPage(this.cursors.length ? this.cursors.pop() : null);
  }

  first() {
    if (this.buckets) { this.offset = 0; this.render(); return; }
    this.cursors = [];
    this.onPage(null);
  }
}

// Grouped digits and at most three decimals (four significant digits below 1), as people read
// numbers; the cell's title and the CSV keep the exact value.
const LARGE = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
const SMALL = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });

export function formatNumber(v) {
  return Math.abs(v) >= 1 || v === 0 ? LARGE.format(v) : SMALL.format(v);
}

function compare(a, b) {
  if (a == null) return b == null ? 0 : -1;
  if (b == null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}
