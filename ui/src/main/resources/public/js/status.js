// Loading, empty and error messages in one place.
import { showTime } from './time.js';

export function showLoading(el) {
  el.className = 'status loading';
  el.textContent = 'Loading…';
}

export function showEmpty(el, win) {
  el.className = 'status empty';
  el.textContent = `No points between ${showTime(win.start)} and ${showTime(win.end)}.`;
}

export function showError(el, error) {
  el.className = 'status error';
  el.textContent = `Could not load: ${error.message}`;
}

export function clear(el) {
  el.className = 'status';
  el.textContent = '';
}
