// Runs before the first paint (classic script in <head>): applies the remembered or system theme.
(function () {
  var chosen = null;
  try { chosen = localStorage.getItem('meterline.theme'); } catch (e) { /* storage blocked */ }
  var dark = chosen === 'dark' || (chosen !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
