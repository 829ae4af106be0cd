'use strict';
// The demo host page's script (/, served at /demo/index.js: the page's Content-Security-Policy allows no inline
// script).

document.getElementById('origin').textContent = location.origin;
const widget = document.getElementById('demo-widget');
document.getElementById('lang-switch').addEventListener('change', (event) => {
  if (event.target.value) widget.setAttribute('lang', event.target.value);
  else widget.removeAttribute('lang');
});
// Host pages can react to a stored submission.
document.addEventListener('forus-submitted', (event) => {
  const note = document.getElementById('submitted');
  note.hidden = false;
  note.textContent = 'The host page received forus-submitted for submission ' + event.detail.id + '.';
});
