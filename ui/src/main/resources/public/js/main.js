// Wires the page: the view state lives in the URL; every change re-renders from it.
import { $, debounce } from './dom.js';
import { listMetrics, labelValues, csvHref, readData } from './api.js';
import { parseState, toSearch, forMetric, DEFAULTS } from './state.js';
import { viewWindow, durationMs, PRESETS, showTime } from './time.js';
import { csvParams, filterParams } from './query.js';
import { initTheme } from './theme.js';
import { MetricList } from './metric-list.js';
import { FilterPane } from './filters.js';
import { Controls } from './controls.js';
import { GraphView } from './graph-view.js';
import { TableView } from './table-view.js';
import { initCreateForm } from './create-form.js';

let state = parseState(location.search);
let metrics = [];
let def = null;
let labels = {};
let loading = null;
let refreshTimer = null;
let metricsListed = false;
// Whether the visitor picked the time range (a preset, a custom range, or a link that names one).
// Until then each metric opens on the first preset that holds any of its points (widenToData).
// Kept in each history entry too, so Back and Forward restore it with the URL.
let rangeChosen = chosenIn(history.state);
let widened = null; // {metric, range}: the range widenToData picked, noted under the toolbar
let opening = 0; // while a newly picked metric's labels and range are read: its generation (below), else 0
let generation = 0; // counts metric openings: an older opening's continuation sees it changed and stops

function chosenIn(entry) {
  return entry && typeof entry.rangeChosen === 'boolean' ? entry.rangeChosen : new URLSearchParams(location.search).has('range');
}

const metricList = new MetricList($('metric-list'), $('metric-search'), $('metric-list-status'),
  (name) => update({ ...forMetric(state, name), ...(rangeChosen ? {} : { range: DEFAULTS.range }) }, { push: true }));
// a filter or grouping is a step the Back button should undo
const filterPane = new FilterPane($('group-by'), $('label-filters'), (patch) => update({ ...patch, at: null }, { push: true }));
const controls = new Controls((patch) => {
  if ('range' in patch) rangeChosen = true;
  update(patch);
});
const graph = new GraphView($('charts'), $('graph-status'), $('graph-note'), {
  onZoom: (zoomFrom, zoomTo) => update({ zoomFrom, zoomTo, at: null }, { push: true }),
  onReset: () => state.zoomFrom != null && update({ zoomFrom: null, zoomTo: null, at: null }, { push: true }),
});
const table = new TableView($('data-table'), $('table-status'), {
  onPage: (at) => update({ at }),
  onSort: (sort) => update({ sort }),
});

function update(patch, { push = false } = {}) {
  state = { ...state, ...patch };
  const url = `${location.pathname}${toSearch(state)}`;
  if (push) history.pushState({ rangeChosen }, '', url);
  else history.replaceState({ rangeChosen }, '', url);
  render();
}

async function loadMetrics() {
  try {
    metrics = await listMetrics();
    metricsListed = true;
    metricList.setMetrics(metrics);
  } catch (e) {
    $('metric-list-status').textContent = `Could not list metrics: ${e.message}`;
  }
}

async function render() {
  metricList.select(state.metric);
  const selected = metrics.find((m) => m.name === state.metric) || null;
  $('welcome').hidden = !!selected;
  $('metric-view').hidden = !selected;
  $('filters-pane').hidden = !selected;
  document.querySelector('.layout').classList.toggle('no-filters', !selected);
  scheduleRefresh();
  if (selected) $('missing-metric').textContent = '';
  if (!selected) {
    def = null;
    opening = 0;
    generation += 1; // an opening still reading stops where it is
    $('missing-metric').textContent = state.metric && metricsListed
      ? `There is no metric named “${state.metric}”: pick one on the left, or define it.` : '';
    settled();
    return;
  }
  if (!def || def.name !== selected.name) {
    const mine = ++generation;
    def = selected;
    labels = {};
    showHeader();
    graph.clear(); // not the last metric's chart under this one's title while its range is found
    // until the range is settled, a load from elsewhere (resize, theme, refresh) would read the wrong one
    opening = mine;
    let values = {};
    try {
      values = await labelValues(selected.name);
    } catch { /* the filters show "no values"; the data read reports the error */ }
    if (mine !== generation) return; // another metric (or none) was picked meanwhile
    labels = values;
    if (!rangeChosen && state.range === DEFAULTS.range && state.zoomFrom == null) await widenToData(selected, mine);
    if (mine !== generation) return;
    opening = 0;
  }
  filterPane.render(def, labels, state);
  await load();
}

/**
 * A metric that reports hourly or daily has nothing in the default hour, and opening it on "No
 * points" tells its user nothing. So, until the visitor picks a range, a metric opens on the
 * first preset from the default on that holds any of its points (one tiny bucketed read per
 * preset tried), and the page says so. Nothing in the widest preset either: the default stays.
 */
async function widenToData(metric, mine) {
  widened = null;
  for (const range of PRESETS.slice(PRESETS.indexOf(DEFAULTS.range))) {
    const q = filterParams(state, metric, viewWindow({ ...state, range }));
    q.set('step', 'auto');
    q.set('max_points', '1');
    q.set('group_by', '');
    let rows;
    try {
      ({ rows } = await readData(metric.name, q));
    } catch {
      return; // the view's own read reports the error
    }
    // another metric picked, or a range or zoom chosen meanwhile: that choice stands
    if (mine !== generation || rangeChosen || state.zoomFrom != null) return;
    if (rows.length) {
      if (range !== state.range) {
        widened = { metric: metric.name, range };
        state = { ...state, range };
        history.replaceState({ rangeChosen }, '', `${location.pathname}${toSearch(state)}`);
      }
      return;
    }
  }
  widened = { metric: metric.name, range: null };
}

/** Under the toolbar: why the range is not the one asked for, and when the view was last read. */
function showRangeNote() {
  let note = '';
  if (widened && widened.metric === state.metric && !rangeChosen && state.zoomFrom == null) {
    if (widened.range === state.range) note = `Nothing in the last ${DEFAULTS.range}: showing the last ${widened.range}, the shortest preset that holds points.`;
    else if (widened.range == null) note = `No points in the last ${PRESETS[PRESETS.length - 1]} either.`;
  }
  $('range-note').textContent = note;
}

function showHeader() {
  $('metric-title').textContent = def.name;
  $('metric-badge').textContent = def.type;
  $('metric-badge').className = `badge badge-${def.type}`;
  $('metric-unit').textContent = def.unit ? `unit: ${def.unit}` : '';
  $('metric-description').textContent = def.description || '';
  document.title = `${def.name} · Meterline`;
}

/** Reads and draws the active tab; a newer load aborts an older one. */
async function load() {
  if (!def || opening) return;
  loading?.abort();
  const mine = new AbortController();
  loading = mine;
  document.body.dataset.loading = 'true';
  const win = viewWindow(state);
  const width = graph.width();
  controls.render(def, state, win, width, csvHref(def.name, csvParams(state, def, win, width)));
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const on = tab.dataset.tab === state.tab;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
  }
  $('graph-panel').hidden = state.tab !== 'graph';
  $('table-panel').hidden = state.tab !== 'table';
  if (state.tab === 'graph') {
    graph.resize();
    await graph.show(def, state, win, mine.signal);
  } else {
    await table.show(def, state, win, width, mine.signal);
  }
  if (loading === mine) {
    showRangeNote();
    $('updated-at').textContent = `Read at ${showTime(Date.now()).slice(11)}`;
    settled();
  }
}

/** The page shows what the state asks for: browser tests wait on these two attributes. */
function settled() {
  document.body.dataset.loading = 'false';
  document.body.dataset.loads = String(Number(document.body.dataset.loads || 0) + 1);
}

function scheduleRefresh() {
  clearInterval(refreshTimer);
  const ms = durationMs(state.refresh);
  if (ms && state.metric) {
    refreshTimer = setInterval(() => { if (!document.hidden) load(); }, ms);
  }
}

for (const tab of document.querySelectorAll('[role=tab]')) {
  tab.addEventListener('click', () => update({ tab: tab.dataset.tab }));
  tab.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const next = state.tab === 'graph' ? 'table' : 'graph';
      update({ tab: next });
      $(`tab-${next}`).focus();
    }
  });
}
$('refresh-now').addEventListener('click', () => load());
$('home-link').addEventListener('click', (e) => {
  e.preventDefault();
  update({ ...forMetric(state, null) }, { push: true });
});
window.addEventListener('popstate', () => {
  state = parseState(location.search);
  rangeChosen = chosenIn(history.state);
  render();
});
let lastWidth = 0;
window.addEventListener('resize', debounce(() => {
  const width = graph.width();
  if (Math.abs(width - lastWidth) > lastWidth * 0.2) load(); // ask again for about one point per pixel
  lastWidth = width;
}, 300));
initTheme($('theme-select'), (theme) => {
  graph.setTheme(theme);
  load();
});
graph.setTheme(document.documentElement.dataset.theme);
initCreateForm(async (name) => {
  await loadMetrics();
  update(forMetric(state, name), { push: true });
});
$('welcome-curl').textContent = [
  `curl -XPOST ${location.origin}/metrics \\`,
  `  -H 'Content-Type: application/json' \\`,
  `  -d '{"name":"cpu_load","type":"gauge","label_keys":["host"]}'`,
  `curl -XPOST ${location.origin}/metrics/cpu_load/data \\`,
  `  -H 'Content-Type: application/json' \\`,
  `  -d '{"labels":{"host":"a"},"value":0.42}'`,
].join('\n');

await loadMetrics();
lastWidth = graph.width();
await render();
