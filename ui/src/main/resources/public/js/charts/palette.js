// Colours readable on the light and the dark background alike, and HTML escaping for tooltips.
export const PALETTE = ['#3b82f6', '#e11d74', '#16a34a', '#f59e0b', '#8b5cf6', '#06b6d4', '#ef4444', '#84cc16',
  '#ec4899', '#14b8a6', '#f97316', '#6366f1'];

export const colorAt = (i) => PALETTE[i % PALETTE.length];

export function esc(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** Dark or white text, whichever reads better on a fill colour (#rrggbb), by its relative luminance. */
export function textOn(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.2 ? '#111827' : '#ffffff';
}

/** Shared base of every option: final canvas at once (no animation), the page's own background. */
export function base(theme) {
  return {
    animation: false,
    backgroundColor: 'transparent',
    color: PALETTE,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
    darkMode: theme === 'dark',
  };
}

/** A legend that wraps onto as many lines as it needs (few series) or scrolls (many), and the
 *  height it takes, so the grid below it never overlaps it. */
export function legendLayout(names, width, { max = 24 } = {}) {
  const scroll = { legend: { type: 'scroll', top: 0, left: 8, right: 8 }, height: 24 };
  if (names.length > max) return scroll;
  let lines = 1;
  let x = 16;
  for (const n of names) {
    const w = 40 + n.length * 7.5;
    if (x + w > width - 16 && x > 16) { lines += 1; x = 16; }
    x += w;
  }
  // more than three lines of legend would squeeze the plot: page through it instead
  return lines > 3 ? scroll : { legend: { type: 'plain', top: 0, left: 8, right: 8 }, height: lines * 24 };
}
