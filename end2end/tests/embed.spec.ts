import { test, expect } from '@playwright/test';
import { ADMIN_TOKEN, ENDPOINT } from '../playwright.config';
import { collectErrors, expectedScore, LEVELS, Widget } from './widget';

const MEMBER_SITE = 'http://127.0.0.1:8091';
const UNREGISTERED_SITE = 'http://127.0.0.1:8093';

test('a visitor on a member site answers, submits, and the endpoint stores exactly that', async ({ page, request }) => {
  const errors = collectErrors(page);
  await page.goto(`${MEMBER_SITE}/`);
  const widget = Widget.first(page);
  // lang comes from the host page's <html lang="fr">.
  await expect(widget.primaryButton()).toHaveText('Commencer l’autoévaluation');
  await widget.start();
  await widget.fillProfile('SN');
  await widget.fillDimensions();
  await widget.consentAndSubmit();

  const expected = LEVELS.map(expectedScore);
  expect(await widget.shownScores()).toEqual(expected);
  await expect(widget.root.locator('.fw-notice--done')).toBeVisible();

  // The host page hears about it: a composed, bubbling CustomEvent with the id and scores.
  await expect.poll(() => page.evaluate(() => (window as any).submitted.length)).toBe(1);
  const detail = await page.evaluate(() => (window as any).submitted[0]);
  expect(Object.keys(detail).sort()).toEqual(['id', 'scores']);
  expect(detail.scores.map((s: { score: number }) => s.score)).toEqual(expected);

  // The stored submission, read back through the secretariat's export.
  const exported = await request.get(`${ENDPOINT}/api/v1/export.json`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(exported.status()).toBe(200);
  const { submissions } = await exported.json();
  const stored = submissions.find((s: { id: string }) => s.id === detail.id);
  expect(stored.member).toBe('coordination-sud');
  expect(stored.country).toBe('SN');
  expect(stored.lang).toBe('fr');
  expect(stored.answers.vnr_year).toBe(2022);
  expect(stored.scores.map((s: { score: number }) => s.score)).toEqual(expected);
  expect(errors).toEqual([]);
});

test('aggressive host CSS leaves the widget readable and usable', async ({ page }) => {
  await page.goto(`${MEMBER_SITE}/aggressive.html`);
  const widget = Widget.first(page);
  const button = widget.primaryButton();
  await expect(button).toBeVisible();
  const style = await button.evaluate((b) => {
    const s = getComputedStyle(b);
    return { fontSize: s.fontSize, height: b.getBoundingClientRect().height, color: s.color };
  });
  expect(style.fontSize).toBe('16px');
  expect(style.height).toBeGreaterThanOrEqual(44);
  expect(style.color).toBe('rgb(255, 255, 255)');
  const title = widget.root.locator('.fw-title:visible');
  const titleStyle = await title.evaluate((t) => {
    const s = getComputedStyle(t);
    return { fontSize: parseFloat(s.fontSize), lineHeight: parseFloat(s.lineHeight) };
  });
  expect(titleStyle.fontSize).toBe(24);
  expect(titleStyle.lineHeight).toBeGreaterThanOrEqual(24);
  await widget.start();
  await expect(widget.root.locator('#org_type-ngo')).toBeVisible();
  // Our styles do not leak out: the host's own button keeps the host's look.
  const hostButton = await page.locator('#host-button').evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(hostButton).toBe('rgb(255, 0, 255)');
});

test('two widgets on one page work independently, with one wasm instance', async ({ page }) => {
  const errors = collectErrors(page);
  const wasmRequests: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasmRequests.push(r.url()); });
  // Every language each widget ever shows, in order.
  await page.addInitScript(() => {
    const shown: Record<string, string[]> = {};
    (window as unknown as { langsShown: typeof shown }).langsShown = shown;
    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init: ShadowRootInit) {
      const root = attachShadow.call(this, init);
      const langs = (shown[this.id] = [] as string[]);
      new MutationObserver(() => {
        const lang = root.querySelector('.fw-widget')?.getAttribute('lang');
        if (lang && langs[langs.length - 1] !== lang) langs.push(lang);
      }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['lang'] });
      return root;
    };
  });
  await page.goto(`${MEMBER_SITE}/two.html`);
  const french = new Widget(page, page.locator('#widget-fr'));
  const spanish = new Widget(page, page.locator('#widget-es'));
  await expect(french.primaryButton()).toHaveText('Commencer l’autoévaluation');
  await expect(spanish.primaryButton()).toHaveText('Comenzar la autoevaluación');
  await french.start();
  await expect(french.root.locator('#org_type-ngo')).toBeVisible();
  await expect(spanish.root.locator('#org_type-ngo:visible')).toHaveCount(0);
  await spanish.start();
  await spanish.root.locator('#org_type-ngo').check();
  await expect(french.root.locator('#org_type-ngo')).not.toBeChecked();
  expect(wasmRequests).toHaveLength(1);
  // Each in its own language from its first screen, never the other's for a moment.
  expect(await page.evaluate(() => (window as unknown as { langsShown: unknown }).langsShown))
    .toEqual({ 'widget-fr': ['fr'], 'widget-es': ['es'] });
  expect(errors).toEqual([]);
});

test('a removed widget unmounts cleanly and mounts again when re-added', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`${MEMBER_SITE}/`);
  const widget = Widget.first(page);
  await widget.start();
  await widget.root.locator('#org_type-ngo').check();
  const children = await page.evaluate(async () => {
    const element = document.querySelector('forus-widget')!;
    const parent = element.parentElement!;
    element.remove();
    const afterRemove = element.shadowRoot!.querySelectorAll('.fw-card').length;
    parent.append(element);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The screens shown, not a step kept hidden ahead.
    const shown = element.shadowRoot!.querySelectorAll('.fw-card:not(.fw-step-slot--hidden .fw-card)');
    return { afterRemove, afterReAdd: shown.length };
  });
  expect(children).toEqual({ afterRemove: 0, afterReAdd: 1 });
  // The draft saved on the device offers to resume.
  await expect(widget.root.getByRole('button', { name: 'Reprendre là où j’en étais' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('changing the lang attribute relabels the widget live', async ({ page }) => {
  await page.goto(`${MEMBER_SITE}/`);
  const widget = Widget.first(page);
  await expect(widget.primaryButton()).toHaveText('Commencer l’autoévaluation');
  await page.evaluate(() => document.querySelector('forus-widget')!.setAttribute('lang', 'es'));
  await expect(widget.primaryButton()).toHaveText('Comenzar la autoevaluación');
  await page.evaluate(() => document.querySelector('forus-widget')!.setAttribute('lang', 'en'));
  await expect(widget.primaryButton()).toHaveText('Start the assessment');
});

test('a POST from an origin not in the registry is refused', async ({ page, request }) => {
  await page.goto(`${UNREGISTERED_SITE}/`);
  // The browser's preflight is refused, so the request never reaches the handler.
  const outcome = await page.evaluate(async (endpoint) => {
    try {
      await fetch(`${endpoint}/api/v1/submissions`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}',
      });
      return 'sent';
    } catch (error) {
      return 'blocked';
    }
  }, ENDPOINT);
  expect(outcome).toBe('blocked');
  // A non-browser client forging that Origin gets a 403 naming the field.
  const response = await request.post(`${ENDPOINT}/api/v1/submissions`, {
    headers: { origin: UNREGISTERED_SITE, 'content-type': 'application/json' },
    data: {
      id: '0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b', questionnaire_version: 1, member: 'coordination-sud',
      lang: 'fr', consent: true, answers: {},
    },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.fields.origin).toBeTruthy();
});

test('widget files are served to any origin, compressed, with the right caching', async ({ request }) => {
  const loader = await request.get(`${ENDPOINT}/widget/forus-widget.js`, {
    headers: { origin: 'https://any-member.example', 'accept-encoding': 'br' },
  });
  expect(loader.status()).toBe(200);
  expect(loader.headers()['access-control-allow-origin']).toBe('*');
  expect(loader.headers()['cache-control']).toBe('public, max-age=300');
  const wasmName = (await loader.text()).match(/["']\.\/([^"']+\.wasm)["']/)![1];
  const wasm = await request.get(`${ENDPOINT}/widget/${wasmName}`, { headers: { 'accept-encoding': 'br' } });
  expect(wasm.headers()['content-type']).toBe('application/wasm');
  expect(wasm.headers()['content-encoding']).toBe('br');
  expect(wasm.headers()['cache-control']).toContain('immutable');
  expect(wasm.headers()['access-control-allow-origin']).toBe('*');
});

test('when the widget cannot load, the host page says so in its own language, and the rest of the page works', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto(`${MEMBER_SITE}/`);
  const alert = page.locator('forus-widget').first().getByRole('alert');
  await expect(alert).toHaveText('Le questionnaire n’a pas pu se charger. Vérifiez votre connexion puis rechargez la page.');
  await page.goto(`http://127.0.0.1:8092/`);
  await expect(page.locator('forus-widget').first().getByRole('alert')).toHaveText(/^Não foi possível carregar o questionário/);
});

test('the development page shipped with the bundle loads the release widget', async ({ page }) => {
  // Its inline start preloads the minified glue under Trunk's integrity hash, which the build computes again.
  const errors = collectErrors(page);
  await page.goto(`${ENDPOINT}/widget/index.html`);
  await expect(Widget.first(page).primaryButton()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
});
