// The right pane: group-by checkboxes and one multi-select (a checkbox list) per label key.
import { h } from './dom.js';

const MAX_SHOWN = 200;

export class FilterPane {
  /** onChange({filters, groupBy}) */
  constructor(groupByEl, filtersEl, onChange) {
    this.groupByEl = groupByEl;
    this.filtersEl = filtersEl;
    this.onChange = onChange;
    this.needles = {};
  }

  render(def, values, state) {
    this.def = def;
    this.values = values;
    this.state = state;
    const keys = def.label_keys;
    this.groupByEl.replaceChildren(...(keys.length ? keys.map((key) => this.checkbox(
      `gb-${key}`, key, state.groupBy.includes(key), (on) => {
        const groupBy = keys.filter((k) => (k === key ? on : this.state.groupBy.includes(k)));
        this.onChange({ groupBy });
      })) : [h('p', { class: 'muted' }, 'This metric has no labels.')]));
    this.filtersEl.replaceChildren(...keys.map((key) => this.keyFilter(key)));
  }

  keyFilter(key) {
    const all = this.values[key] || [];
    const chosen = this.state.filters[key] || [];
    const needle = (this.needles[key] || '').toLowerCase();
    const list = h('div', { class: 'checks scroll', id: `filter-values-${key}` });
    const fill = () => {
      const n = (this.needles[key] || '').toLowerCase();
      const matching = all.filter((v) => !n || v.toLowerCase().includes(n));
      // values keep their place when ticked (a list that reorders under the mouse loses the reader);
      // only a chosen value beyond the first MAX_SHOWN is brought to the top, so it can be unticked
      const first = matching.slice(0, MAX_SHOWN);
      const shown = [...chosen.filter((v) => matching.includes(v) && !first.includes(v)), ...first];
      list.replaceChildren(...shown.map((v) => this.checkbox(`f-${key}-${v}`, v, chosen.includes(v), (on) => {
        const next = on ? [...chosen, v] : chosen.filter((x) => x !== v);
        const filters = { ...this.state.filters, [key]: next };
        if (!next.length) delete filters[key];
        this.onChange({ filters });
      }, { key, value: v })));
      if (matching.length > shown.length) list.append(h('p', { class: 'muted' }, `${matching.length - shown.length} more: type to narrow.`));
      if (!all.length) list.append(h('p', { class: 'muted' }, 'No values seen yet.'));
    };
    fill();
    const fieldset = h('fieldset', { class: 'label-filter', dataset: { key } },
      h('legend', {}, key, chosen.length ? h('span', { class: 'muted' }, ` (${chosen.length} chosen)`) : null));
    if (all.length > 10) {
      fieldset.append(h('input', {
        type: 'search',
        placeholder: `Find ${key}`,
        'aria-label': `Find a value of ${key}`,
        value: needle,
        oninput: (e) => { this.needles[key] = e.target.value; fill(); },
      }));
    }
    if (chosen.length) {
      fieldset.append(h('button', {
        type: 'button',
        class: 'link-button',
        onclick: () => {
          const filters = { ...this.state.filters };
          delete filters[key];
          this.onChange({ filters });
        },
      }, 'Clear'));
    }
    fieldset.append(list);
    return fieldset;
  }

  checkbox(id, text, checked, onToggle, data) {
    const safeId = id.replace(/[^a-zA-Z0-9_-]/g, (c) => `_${c.charCodeAt(0)}`);
    return h('label', { class: 'check', for: safeId },
      h('input', {
        type: 'checkbox', id: safeId, checked, dataset: data || {},
        onchange: (e) => onToggle(e.target.checked),
      }),
      h('span', {}, text));
  }
}
