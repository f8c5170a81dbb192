// "New metric": a small form that POSTs /metrics and shows the API's error next to the field it names.
import { $ } from './dom.js';
import { createMetric } from './api.js';

const FIELDS = ['name', 'type', 'labels', 'states', 'buckets', 'form'];

/** Which field an API error is about, from its wording (api.md keeps these words stable). */
export function fieldOf(message) {
  const m = message.toLowerCase();
  if (m.includes('same name') || m.startsWith('name ')) return 'name';
  if (m.startsWith('type ')) return 'type';
  if (m.includes('label')) return 'labels';
  if (m.includes('state')) return 'states';
  if (m.includes('bucket')) return 'buckets';
  return 'form';
}

const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

export function initCreateForm(onCreated) {
  const dialog = $('create-dialog');
  const form = $('create-form');
  const typeSel = $('cf-type');
  const syncType = () => {
    for (const el of form.querySelectorAll('[data-for-type]')) el.hidden = el.dataset.forType !== typeSel.value;
  };
  const clearErrors = () => FIELDS.forEach((f) => {
    $(`cf-${f}-error`).textContent = '';
    $(`cf-${f}`)?.removeAttribute('aria-invalid');
  });
  typeSel.addEventListener('change', syncType);
  $('new-metric').addEventListener('click', () => {
    form.reset();
    clearErrors();
    syncType();
    dialog.showModal();
    $('cf-name').focus();
  });
  $('cf-cancel').addEventListener('click', () => dialog.close());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors();
    const body = { name: $('cf-name').value.trim(), type: typeSel.value, label_keys: list($('cf-labels').value) };
    if (body.type === 'enum' && list($('cf-states').value).length) body.states = list($('cf-states').value);
    if (body.type === 'histogram' && list($('cf-buckets').value).length) {
      body.buckets = list($('cf-buckets').value).map((b) => (/^\+?inf$/i.test(b) ? '+Inf' : (Number.isNaN(Number(b)) ? b : Number(b))));
    }
    if ($('cf-unit').value.trim()) body.unit = $('cf-unit').value.trim();
    if ($('cf-description').value.trim()) body.description = $('cf-description').value.trim();
    $('cf-submit').disabled = true;
    try {
      await createMetric(body);
      dialog.close();
      onCreated(body.name);
    } catch (err) {
      const field = fieldOf(err.message);
      $(`cf-${field}-error`).textContent = err.message;
      const input = $(`cf-${field}`);
      if (input && field !== 'form') {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    } finally {
      $('cf-submit').disabled = false;
    }
  });
}
