// <forus-widget>: the stable entry point member sites embed with
//   <script type="module" src="https://ENDPOINT/widget/forus-widget.js"></script>
// It loads this build's content-hashed files from its own origin (whatever the host page's origin, <base href>
// or path) and defines the custom element. Custom elements cannot be written in Rust, hence these few lines.
// The JS glue and the wasm are fetched at once, in parallel, as soon as this script runs (not loader, then
// glue, then wasm), and the wasm is compiled as it streams in. One wasm instance serves every element.
const ready = Promise.all([import('./__GLUE__'), fetch(new URL('./__WASM__', import.meta.url))]).then(
  ([glue, wasm]) => glue.default({ module_or_path: wasm }).then(() => glue),
);
// Reported by each element that waits for it (below), not as an unhandled rejection.
ready.catch(() => {});
// The endpoint that served this script (its /widget/ folder's parent), unless an element says otherwise.
const defaultEndpoint = new URL('../', import.meta.url).href;

class ForusWidget extends HTMLElement {
  static observedAttributes = ['member', 'lang', 'view', 'endpoint'];

  connectedCallback() {
    const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
    const connection = (this.connection = (this.connection || 0) + 1);
    ready.then((glue) => {
      if (this.isConnected && connection === this.connection && !this.widget) {
        this.widget = glue.mount(this, root, defaultEndpoint);
      }
    }, (error) => {
      console.error('forus-widget could not load', error);
      if (this.isConnected) showLoadError(root);
    });
  }

  disconnectedCallback() {
    this.connection = (this.connection || 0) + 1;
    if (this.widget) {
      this.widget.unmount();
      this.widget = undefined;
    }
  }

  attributeChangedCallback() {
    if (this.widget) this.widget.refresh();
  }
}

function showLoadError(root) {
  const lang = (document.documentElement.lang || navigator.language || 'en').slice(0, 2).toLowerCase();
  // From model/locales/<lang>/interface.toml ([loader] load_failed), written in by scripts/write-loader.sh.
  const texts = __LOAD_FAILED__;
  const text = texts[lang] || texts.en;
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.style.cssText = 'font: 16px/1.5 system-ui, sans-serif; padding: 12px; border: 1px solid #b00020;';
  message.textContent = text;
  root.replaceChildren(message);
}

if (!customElements.get('forus-widget')) customElements.define('forus-widget', ForusWidget);
