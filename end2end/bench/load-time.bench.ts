import { test, expect, type Browser } from '@playwright/test';

// Prints, side by side, what a first visit costs with SurveyJS 2.5 and with <forus-widget> showing the same
// questionnaire in French: the bytes downloaded from the files' origin (brotli, host page apart), and the time
// from navigation start until the visitor can operate a first control, unthrottled and on a slow mobile
// profile. Cold cache: a new browser context per run. The sides alternate so a busy machine slows both alike.
// Served by bench/static-server.mjs (files on 8095, host pages on 8096); API calls go to the endpoint (8090).

const STATIC = 'http://127.0.0.1:8095';
const HOSTS = 'http://127.0.0.1:8096';
const RUNS = Number(process.env.RUNS || 7);

type Side = { name: string; url: string };
const SURVEYJS: Side = { name: 'SurveyJS', url: `${HOSTS}/surveyjs.html` };
const FORUS: Side = { name: 'forus-widget', url: `${HOSTS}/forus-widget.html` };

type Profile = { name: string; network?: { latency: number; downloadThroughput: number; uploadThroughput: number };
  cpu?: number };
const PROFILES: Profile[] = [
  { name: 'unthrottled' },
  // Lighthouse's slow 4G and a mid-range phone's CPU.
  { name: 'slow mobile profile', network: { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
    cpu: 4 },
];

type FirstControl = { time: number; control: string };
type Run = { first: FirstControl; files: Map<string, number>; hostPage: number };

/**
 * Init script: reports to `window.__reportFirstControl` (a binding to the benchmark, see `visit`) the
 * `performance.now()` (time since navigation start) at which an enabled button, input, select, text area or radio
 * is first present and rendered, in the document or in a <forus-widget>'s open shadow root. Checked on every DOM
 * change (shadow roots included, observed as they are attached) and on every frame, for what a stylesheet alone
 * makes visible.
 */
function watchForFirstControl() {
  const w = window as unknown as { __reportFirstControl: (first: FirstControl) => void };
  const selector = 'button, input:not([type=hidden]), select, textarea, [role=radio]';
  const operable = (el: Element) => {
    if ((el as HTMLInputElement).disabled || el.getAttribute('aria-disabled') === 'true' || el.closest('[inert]')) {
      return false;
    }
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  let done = false;
  const check = () => {
    if (done) return;
    const roots: ParentNode[] = [document];
    for (const widget of document.querySelectorAll('forus-widget')) if (widget.shadowRoot) roots.push(widget.shadowRoot);
    for (const root of roots) {
      for (const el of root.querySelectorAll(selector)) {
        if (!operable(el)) continue;
        done = true;
        observer.disconnect();
        const type = el.getAttribute('type');
        // A name to print: its label or text, else its SurveyJS question's name.
        const what = el.getAttribute('aria-label') || el.textContent?.trim()
          || el.closest('[data-name]')?.getAttribute('data-name') || el.id;
        w.__reportFirstControl({ time: performance.now(), control: `${el.localName}${type ? `[${type}]` : ''} ${what}` });
        return;
      }
    }
  };
  const observer = new MutationObserver(check);
  const observe = (root: Node) => observer.observe(root, { childList: true, subtree: true, attributes: true,
    attributeFilter: ['disabled', 'hidden', 'class', 'style', 'inert', 'aria-disabled'] });
  observe(document);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attachShadow.call(this, init);
    if (!done) observe(root);
    return root;
  };
  const frame = () => {
    check();
    if (!done) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** One first visit of `side` on `profile`, in a fresh context (empty cache and storage). */
async function visit(browser: Browser, side: Side, profile: Profile): Promise<Run> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
    if (profile.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });

    // Requests to the files' origin and the host page, by id while under way; bytes as received (CDP's
    // encodedDataLength: the compressed body and the response headers).
    const pending = new Map<string, string>();
    const files = new Map<string, number>();
    const failed: string[] = [];
    let hostPage = 0;
    let lastStart = Date.now();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.startsWith(STATIC) || e.request.url === side.url) {
        pending.set(e.requestId, e.request.url);
        lastStart = Date.now();
      }
    });
    cdp.on('Network.loadingFinished', (e) => {
      const url = pending.get(e.requestId);
      if (url === undefined) return;
      pending.delete(e.requestId);
      if (url === side.url) hostPage = e.encodedDataLength;
      else files.set(url, (files.get(url) ?? 0) + e.encodedDataLength);
    });
    cdp.on('Network.loadingFailed', (e) => {
      const url = pending.get(e.requestId);
      if (url === undefined) return;
      pending.delete(e.requestId);
      failed.push(`${url}: ${e.errorText}`);
    });

    // The page reports its first control through a binding rather than being polled: the first poll
    // (`page.waitForFunction`) evaluated Playwright's injected script in the page, a 36 ms task at 4x CPU about
    // 350 ms after navigation, just when the widget's loader arrived (it delayed the wasm's request by as much), and
    // while SurveyJS's scripts were still downloading. A benchmark should run nothing in the page while it loads.
    let reported: (first: FirstControl) => void = () => {};
    const firstControl = new Promise<FirstControl>((resolve) => { reported = resolve; });
    await page.exposeFunction('__reportFirstControl', (first: FirstControl) => reported(first));
    await page.addInitScript(watchForFirstControl);
    await page.goto(side.url, { waitUntil: 'commit' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const first = await Promise.race([
      firstControl,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${side.name}: no first control within 120 s`)), 120_000);
      }),
    ]).finally(() => clearTimeout(timer));
    // What is still downloading once the control shows belongs to the first view too: wait until the files'
    // origin has been quiet for a second.
    await expect.poll(() => pending.size === 0 && Date.now() - lastStart > 1000, { timeout: 120_000, intervals: [100] })
      .toBe(true);
    expect(failed, `failed requests on ${side.name}`).toEqual([]);

    // Each side really shows the questionnaire's start: our welcome screen's button, SurveyJS's first page.
    if (side === FORUS) {
      await expect(page.locator('forus-widget .fw-welcome .fw-button--primary')).toBeVisible();
    } else {
      await expect(page.locator('#survey .sd-page')).toContainText('Nom de votre organisation');
    }
    return { first, files, hostPage };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (time: number) => `${Math.round(time)} ms`;

test('load time: SurveyJS 2.5 and forus-widget, first visit', async ({ browser }) => {
  expect(Number.isInteger(RUNS) && RUNS > 0, `RUNS=${process.env.RUNS}: a positive whole number`).toBe(true);
  test.setTimeout((RUNS + 1) * 2 * PROFILES.length * 240_000);

  // One unmeasured visit per side: builds the SurveyJS page from the endpoint's questionnaire and wakes the
  // endpoint, so the first measured run pays neither.
  const warmup: Record<string, Run> = {};
  for (const side of [SURVEYJS, FORUS]) warmup[side.name] = await visit(browser, side, PROFILES[0]);

  const runs: Record<string, Record<string, Run[]>> = {};
  for (const profile of PROFILES) {
    runs[profile.name] = { [SURVEYJS.name]: [], [FORUS.name]: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const side of [SURVEYJS, FORUS]) runs[profile.name][side.name].push(await visit(browser, side, profile));
    }
  }

  const all = (side: Side) => PROFILES.flatMap((p) => runs[p.name][side.name]);
  const bytes = (side: Side) => median(all(side).map((r) => sum(r.files.values())));
  const withPage = (side: Side) => median(all(side).map((r) => sum(r.files.values()) + r.hostPage));
  const time = (side: Side, profile: Profile) => median(runs[profile.name][side.name].map((r) => r.first.time));
  const row = (label: string, s: number, f: number, unit: (x: number) => string) =>
    `| ${label} | ${unit(s)} | ${unit(f)} | ${(f / s).toFixed(2)} |`;

  console.log(`\nFirst visit, cold cache, medians of ${RUNS} runs per side and profile (headless Chromium):\n`);
  console.log('| | SurveyJS | forus-widget | ratio |');
  console.log('|---|---|---|---|');
  console.log(row('bytes on the wire, first view', bytes(SURVEYJS), bytes(FORUS), kb));
  for (const profile of PROFILES) {
    console.log(row(`first interactive control, ${profile.name}`, time(SURVEYJS, profile), time(FORUS, profile), ms));
  }
  console.log(row('bytes on the wire, first view, host page included', withPage(SURVEYJS), withPage(FORUS), kb));
  console.log('\nratio = forus-widget / SurveyJS. Bytes: every response from the files\' origin (brotli body and headers,');
  console.log('as received); the host page apart, as the last row adds it (the SurveyJS page holds the survey\'s JSON).');

  for (const side of [SURVEYJS, FORUS]) {
    const sample = warmup[side.name];
    console.log(`\n${side.name}: first control ${sample.first.control}; host page ${sample.hostPage} B; files:`);
    for (const [url, size] of sample.files) console.log(`  ${url.slice(STATIC.length)} ${size} B`);
    for (const profile of PROFILES) {
      console.log(`  ${profile.name}, each run: ${runs[profile.name][side.name].map((r) => ms(r.first.time)).join(', ')}`);
    }
  }
});
