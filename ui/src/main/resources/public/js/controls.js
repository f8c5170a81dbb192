// The toolbar: range presets and custom range, step, aggregation, auto-refresh, Download CSV.
import { $, h } from './dom.js';
import { PRESETS, showTime, toLocalInput, fromLocalInput, timeZoneName } from './time.js';
import { AGGREGATIONS, STEPS, stepFits } from './query.js';
import { downloadWithToken } from './api.js';

export class Controls {
  /** onChange(patch) with a partial view state */
  constructor(onChange) {
    this.onChange = onChange;
    this.presets = $('range-presets');
    this.presets.replaceChildren(...PRESETS.map((p) => h('button', {
      type: 'button', class: 'preset', dataset: { range: p }, 'aria-pressed': 'false',
      onclick: () => onChange({ range: p, from: null, to: null, zoomFrom: null, zoomTo: null, at: null }),
    }, p)));
    $('custom-range-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const from = fromLocalInput($('custom-from').value);
      const to = fromLocalInput($('custom-to').value);
      if (from == null || to == null || from >= to) {
        $('custom-to').setCustomValidity('“To” must be after “From”.');
        $('custom-to').reportValidity();
        return;
      }
      $('custom-to').setCustomValidity('');
      $('custom-range').open = false;
      onChange({ range: 'custom', from, to, zoomFrom: null, zoomTo: null, at: null });
    });
    $('step-select').replaceChildren(...STEPS.map((s) => h('option', { value: s }, s === 'auto' ? 'auto' : s)));
    $('step-select').addEventListener('change', (e) => onChange({ step: e.target.value, at: null }));
    $('agg-select').replaceChildren(...AGGREGATIONS.map((a) => h('option', { value: a }, a)));
    $('agg-select').addEventListener('change', (e) => onChange({ agg: e.target.value }));
    $('refresh-select').addEventListener('change', (e) => onChange({ refresh: e.target.value }));
    $('csv-link').addEventListener('click', (e) => downloadWithToken(e).catch((err) => window.alert(err.message)));
  }

  render(def, state, win, width, csvHref) {
    for (const b of this.presets.children) {
      const on = state.range === b.dataset.range && state.zoomFrom == null;
      b.setAttribute('aria-pressed', String(on));
    }
    const custom = state.range === 'custom' || state.zoomFrom != null;
    $('custom-range').classList.toggle('active', custom);
    if (document.activeElement?.type !== 'datetime-local') {
      $('custom-from').value = toLocalInput(win.start);
      $('custom-to').value = toLocalInput(win.end);
    }
    for (const o of $('step-select').options) {
      const fits = stepFits(o.value, win, width);
      o.disabled = !fits;
      o.title = fits ? '' : 'Too fine for this range: more than one point per pixel';
    }
    $('step-select').value = state.step;
    $('agg-label').hidden = def.type !== 'gauge';
    $('agg-select').value = state.agg;
    $('refresh-select').value = state.refresh;
    $('csv-link').href = csvHref;
    $('csv-link').setAttribute('download', `${def.name}.csv`);
    const zoomed = state.zoomFrom != null ? ' (zoomed: double-click the chart to go back)' : '';
    $('range-text').textContent = `${showTime(win.start)} – ${showTime(win.end)}, ${timeZoneName()}${zoomed}`;
  }
}
