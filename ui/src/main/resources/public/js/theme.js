// Light/dark theme: follows the system unless the user picks one; the choice lives in localStorage.
const KEY = 'meterline.theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');

export function chosenTheme() {
  try {
    return localStorage.getItem(KEY) || 'system';
  } catch {
    return 'system';
  }
}

export function effectiveTheme(choice = chosenTheme()) {
  if (choice === 'light' || choice === 'dark') return choice;
  return media.matches ? 'dark' : 'light';
}

/** Wires the picker; calls onChange(theme) whenever the effective theme changes. */
export function initTheme(select, onChange) {
  select.value = chosenTheme();
  const apply = () => {
    const theme = effectiveTheme();
    if (document.documentElement.dataset.theme !== theme) {
      document.documentElement.dataset.theme = theme;
      onChange(theme);
    }
  };
  select.addEventListener('change', () => {
    try {
      if (select.value === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, select.value);
    } catch { /* storage blocked: the choice lasts for this page */ }
    apply();
  });
  media.addEventListener('change', apply);
  document.documentElement.dataset.theme = effectiveTheme();
}
