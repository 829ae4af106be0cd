// Inside the /embed iframe: tells the host page the widget's height and forwards `forus-submitted`, to the
// host's origin only, and only if it is one of the member's registered origins (or this endpoint's, for the
// builder's preview). frame-ancestors already lets no other page frame this one.
const allowed = new Set((document.body.dataset.origins || '').split(' ').filter(Boolean));
allowed.add(window.location.origin);
// Chromium and Safari say who frames the page; elsewhere the resizer's hello message does.
let host = null;
const ancestor = window.location.ancestorOrigins && window.location.ancestorOrigins[0];
if (ancestor && allowed.has(ancestor)) host = ancestor;

function post(message) {
  if (host && window.parent !== window) window.parent.postMessage(message, host);
}

let last = 0;
function sendHeight() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== last) {
    last = height;
    post({ type: 'forus:height', height });
  }
}

new ResizeObserver(sendHeight).observe(document.documentElement);
window.addEventListener('message', (event) => {
  if (event.source !== window.parent || !allowed.has(event.origin)) return;
  if (event.data && event.data.type === 'forus:hello') {
    host = event.origin;
    last = 0;
    sendHeight();
  }
});
document.addEventListener('forus-submitted', (event) => post({ type: 'forus:submitted', detail: event.detail }));
sendHeight();
