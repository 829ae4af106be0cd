'use strict';
// Helpers shared by the secretariat's pages, /report and /review: each loads this file (served at
// /demo/pages.js) before its own script. Plain JavaScript, no build step. Every value from the endpoint is
// written with textContent (or as an attribute value): names, labels, answers and numbers never become markup.

/** An element with text (always via textContent) and attributes (always via setAttribute). */
function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (attrs) for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) e.setAttribute(k, String(v));
  return e;
}

/** Says `text` in the page's status line (`#status`, a live region); `error` shows it as an error. */
function setStatus(text, error) {
  const statusLine = document.getElementById('status');
  statusLine.textContent = text;
  statusLine.className = error ? 'error' : '';
}

/** The token field of the page's #access form, appended to `box`: its label and a password input that
 *  password managers leave alone (the token is pasted, never saved). Returns the input. */
function tokenField(box, id, label) {
  const input = el('input', null, {
    id, name: id, type: 'password', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', required: '',
    'data-1p-ignore': '', 'data-lpignore': 'true', 'data-bwignore': 'true', 'data-form-type': 'other',
  });
  box.append(el('label', label, { for: id }), input);
  return input;
}

/** A table wider than its container scrolls inside it: then (only then) the container is a focusable,
 *  named region, so keyboard users can scroll it. A hidden container is left plain. */
function markScrollable() {
  for (const box of document.querySelectorAll('.scroll')) {
    if (box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute('tabindex', '0');
      box.setAttribute('role', 'region');
      box.setAttribute('aria-labelledby', box.dataset.labelledby);
    } else {
      ['tabindex', 'role', 'aria-labelledby'].forEach((a) => box.removeAttribute(a));
    }
  }
}

// Again once the window has stopped changing size.
{
  let resizeTimer;
  window.addEventListener('resize', () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(markScrollable, 150); });
}
