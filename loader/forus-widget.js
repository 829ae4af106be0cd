// <forus-widget>: the stable entry point member sites embed with
//   <script type="module" src="https://ENDPOINT/widget/forus-widget.js"></script>
// It loads this build's content-hashed files from its own origin (whatever the host page's origin, <base href>
// or path) and defines the custom element. Custom elements cannot be written in Rust, hence these few lines.
// The JS glue, the wasm and the first view's language pack of each element's language are fetched at once, in
// parallel, as soon as this script runs (not loader, then glue, then wasm, then texts).
// The widget's module (src/), and what its first view does not need in a module of its own (on-demand/), in
// two flavours: the assessment's consent step, delivery and results (with their map), and the map view alone
// (lighter). Each is fetched once (the
// JS glue and the wasm in parallel, the wasm compiled as it streams in), the on-demand ones the first time a
// part needs them, or as soon as they are sure to be needed (a map view on the page; a visitor past the first
// step, who will reach the consent step and the results). A failed load is forgotten, so the next part shown
// tries again.
const modules = {
  widget: ['./__GLUE__', './__WASM__'],
  results: ['./__RESULTS_GLUE__', './__RESULTS_WASM__'],
  map: ['./__MAP_GLUE__', './__MAP_WASM__'],
};
const loading = new Map();
function loadModule(name) {
  if (!loading.has(name)) {
    const [glue, wasm] = modules[name];
    // The wasm first: it is the long download the first view waits for.
    const module = Promise.all([fetch(new URL(wasm, import.meta.url)), import(glue)])
      .then(([wasm, glue]) => glue.default({ module_or_path: wasm }).then(() => glue));
    module.catch(() => loading.delete(name));
    loading.set(name, module);
  }
  return loading.get(name);
}

// One wasm instance serves every element.
const ready = loadModule('widget');
// Reported by each element that waits for it (below), not as an unhandled rejection.
ready.catch(() => {});

// The endpoint that served this script (its /widget/ folder's parent), unless an element says otherwise.
const defaultEndpoint = new URL('../', import.meta.url).href;

// Every text of one language (model/src/pack.rs), by language code and kind: this build's content-hashed files.
// The first view's pack ('welcome') has the texts of the welcome screen and the first step only; the widget
// fetches the rest ('assessment', without the action plans, which only the on-demand results module reads, in
// its own kind) once the visitor starts.
const packFiles = __PACKS__;
const packs = new Map();

// The text of a language's pack, fetched at most once per page; a failed fetch is forgotten, so asking again
// retries. The widget asks for its packs through `loader.fetchPack` below.
function fetchPack(lang, kind = 'assessment') {
  const key = `${kind} ${lang}`;
  if (!packs.has(key)) {
    const text = fetch(new URL(`./${packFiles[lang][kind]}`, import.meta.url)).then((response) => {
      if (!response.ok) throw new Error(`language pack ${lang} (${kind}): HTTP ${response.status}`);
      return response.text();
    });
    text.catch(() => packs.delete(key));
    packs.set(key, text);
  }
  return packs.get(key);
}

// The language an element will most likely show: the first we offer among its lang attribute, the page's
// language and the browser's, as the widget chooses (Settings::resolve, Lang::negotiate). The widget decides
// (and fetches another pack if this guess was wrong); guessing here only lets the pack download beside the wasm.
function likelyLang(element) {
  for (const tag of [element.getAttribute('lang'), document.documentElement.lang, navigator.language]) {
    const code = (tag || '').trim().split(/[-_]/)[0].toLowerCase();
    if (packFiles[code]) return code;
  }
  return 'en';
}

// Runs `prepare` once the page is idle (at the latest after a few seconds), in a task of its own; a failure only
// means the part prepares when shown.
function whenIdle(prepare) {
  const idle = window.requestIdleCallback || ((run) => setTimeout(run, 200));
  idle(() => {
    try {
      prepare();
    } catch (error) {
      console.warn('forus-widget: could not prepare a part ahead', error);
    }
  }, { timeout: 5000 });
}

// The packs each on-demand module has installed: installing one again would only read it again. And the
// modules that ran their code once ahead.
const installed = new Set();
const rehearsed = new Set();
// What prefetchPart has prepared, or scheduled to prepare, ahead.
const ahead = new Set();
function installIn(glue, module, kind, lang, pack) {
  const key = `${module} ${kind} ${lang}`;
  if (!installed.has(key)) {
    glue.install_pack(pack);
    installed.add(key);
  }
}

const geometryAhead = new Set();
// The pack kinds the on-demand modules on this page read (the widget names them: Part::pack_kind).
const partKinds = new Set();

// What the loader lends each widget (src/loader.rs).
const loader = {
  // The widget's whole pack for `lang`, and those of the kinds its on-demand modules read, so that a language
  // switch shows everywhere at once, or nowhere (and the widget says so).
  fetchPack(lang) {
    const kinds = [...partKinds].map((kind) => fetchPack(lang, kind));
    return Promise.all([fetchPack(lang), ...kinds]).then(([text]) => text);
  },
  // Fetches an on-demand module and its pack ahead; once both are there and the page is idle, installs the pack
  // in it, so that showing a part later reads no pack, and lets the module run its code once (`rehearse`, where
  // it has one), so the browser has compiled it before the part is shown. Idle, so as not to delay the visitor's
  // clicks; at the latest after a few seconds. Each in an idle period of its own: together they made one task of
  // about 80 ms at 4x CPU, which a click could wait for.
  prefetchPart(module, kind, lang) {
    partKinds.add(kind);
    Promise.all([loadModule(module), fetchPack(lang, kind)])
      .then(([glue, pack]) => {
        const key = `${module} ${kind} ${lang}`;
        if (ahead.has(key)) return;
        ahead.add(key);
        whenIdle(() => {
          installIn(glue, module, kind, lang, pack);
          if (glue.rehearse && !rehearsed.has(module)) {
            rehearsed.add(module);
            whenIdle(() => glue.rehearse(lang));
          }
        });
      })
      .catch(() => {});
  },
  // Mounts `part` (JSON) of the on-demand `module` in `container`, inside an element's shadow root, in `lang`,
  // whose pack the module installs too; resolves to a handle the widget keeps in step with its language. The
  // part calls `onReturn` when the visitor leaves it for the widget's own screens. For a map view, the map's
  // counts, and its geometry once per module (which keeps it), come beside the module rather than after it
  // (empty URLs: nothing comes ahead): a failure here only means the module asks again.
  async mountPart(container, module, kind, part, endpoint, lang, counts, geometry, onReturn) {
    partKinds.add(kind);
    // Marked at once, so two maps mounting together fetch it once; unmarked if it never reached the module.
    const key = `${module} ${geometry}`;
    const urls = !counts ? [] : geometryAhead.has(key) ? [counts] : [counts, geometry];
    if (urls.includes(geometry)) geometryAhead.add(key);
    const ahead = urls.map((url) =>
      fetch(url).then((response) => (response.ok ? response.text() : undefined)).then((body) => [url, body], () => [url, undefined]));
    let glue, pack, fetched;
    try {
      [glue, pack, ...fetched] = await Promise.all([loadModule(module), fetchPack(lang, kind), ...ahead]);
    } catch (error) {
      if (urls.includes(geometry)) geometryAhead.delete(key);
      throw error;
    }
    installIn(glue, module, kind, lang, pack);
    for (const [url, body] of fetched) {
      if (body !== undefined) glue.fetched_ahead(url, body);
      else if (url === geometry) geometryAhead.delete(key);
    }
    const mounted = glue.mount_part(container, endpoint, lang, part, onReturn);
    return {
      // Only asked once the widget has the pack (see fetchPack above): a failure here is a refused pack.
      async setLang(next) {
        try {
          installIn(glue, module, kind, next, await fetchPack(next, kind));
          mounted.set_lang(next);
        } catch (error) {
          console.warn('forus-widget: a part stays in its language', error);
        }
      },
      setMember(member) {
        mounted.set_member(member);
      },
      // The assessment's last screens only (the results module's).
      handOver(draft) {
        mounted.hand_over(draft);
      },
      unmount() {
        mounted.unmount();
      },
    };
  },
};

class ForusWidget extends HTMLElement {
  static observedAttributes = ['member', 'lang', 'view', 'endpoint'];

  connectedCallback() {
    const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
    // Added once, however often the element connects (the same listener again is ignored).
    root.addEventListener('keydown', enterMovesOn);
    const connection = (this.connection = (this.connection || 0) + 1);
    // A map shows from the start: its module comes beside the widget's, not after it.
    if ((this.getAttribute('view') || '').trim().toLowerCase() === 'map') loadModule('map').catch(() => {});
    Promise.all([ready, fetchPack(likelyLang(this), 'welcome')]).then(([glue, pack]) => {
      if (this.isConnected && connection === this.connection && !this.widget) {
        glue.install_pack(pack);
        this.widget = glue.mount(this, root, defaultEndpoint, loader);
      }
    }).catch((error) => {
      console.error('forus-widget could not load', error);
      if (this.isConnected) showLoadError(root, likelyLang(this));
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

// Enter in a field (a number, a radio, a checkbox; not a list, nor a text area, where Enter starts a new line)
// presses its step's primary button, Next or Send, as a form's implicit submission would: the steps are not forms
// (SectionStep says why). The field is left first, which commits what was typed (its change event) before the
// widget reads it. Not while an input method composes a word (Safari ends the composition before the keydown
// that confirms it, which then has keyCode 229), nor again while the key is held (after a refused Next, focus is
// on a field again). Here rather than in the widget's module, where a listener of its own would cost the first
// view 0.5 KB.
function enterMovesOn(event) {
  const field = event.target;
  if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229 || event.repeat || field.localName !== 'input') return;
  const button = field.closest('.fw-step')?.querySelector('.fw-nav .fw-button--primary');
  if (!button) return;
  event.preventDefault();
  field.blur();
  button.click();
}

function showLoadError(root, lang) {
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
