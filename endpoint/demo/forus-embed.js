// forus-embed.js: optional, one line on a page that embeds the Forus widget as an iframe:
//   <script src="https://ENDPOINT/widget/forus-embed.js" async></script>
// It sizes each /embed iframe of that endpoint to its content, and dispatches `forus-submitted` on the iframe
// element when a submission is stored. It accepts messages from the endpoint's origin only, and from its own
// iframes only; the iframe, in turn, posts only to a registered origin of its member.
(function () {
  var script = document.currentScript;
  if (!script) return;
  var endpoint = new URL(script.src).origin;

  function ours() {
    return Array.prototype.filter.call(document.querySelectorAll('iframe'), function (frame) {
      try {
        var url = new URL(frame.src, window.location.href);
        return url.origin === endpoint && url.pathname.endsWith('/embed');
      } catch (error) {
        return false;
      }
    });
  }

  function hello(frame) {
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: 'forus:hello' }, endpoint);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== endpoint || !event.data) return;
    var frame = ours().find(function (f) { return f.contentWindow === event.source; });
    if (!frame) return;
    if (event.data.type === 'forus:height' && Number.isFinite(event.data.height)) {
      // Through the CSSOM, which a strict style-src allows.
      frame.style.height = Math.max(0, Math.round(event.data.height)) + 'px';
    } else if (event.data.type === 'forus:submitted') {
      frame.dispatchEvent(new CustomEvent('forus-submitted', { bubbles: true, detail: event.data.detail }));
    }
  });

  function greet() {
    ours().forEach(function (frame) {
      frame.addEventListener('load', function () { hello(frame); });
      hello(frame);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', greet);
  else greet();
})();
