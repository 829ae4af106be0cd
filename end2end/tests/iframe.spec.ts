import { test, expect, type Page } from '@playwright/test';
import { ADMIN_TOKEN, ENDPOINT } from '../playwright.config';
import { Widget } from './widget';

const MEMBER_SITE = 'http://127.0.0.1:8091';
const UNREGISTERED_SITE = 'http://127.0.0.1:8093';

/** What reaches the host page: messages (with their origin) and `forus-submitted` events on the iframe. */
async function listen(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { heard: unknown[] };
    w.heard = [];
    window.addEventListener('message', (e) => w.heard.push({ origin: e.origin, data: e.data }));
    document.addEventListener('forus-submitted', (e) => w.heard.push({ event: (e as CustomEvent).detail }));
  });
  return () => page.evaluate(() => (window as unknown as { heard: Record<string, any>[] }).heard);
}

async function heights(page: Page) {
  // The iframe's inner height (without its border) against its document's.
  const frame = { height: await page.locator('#forus').evaluate((f) => f.clientHeight) };
  const content = await page.frameLocator('#forus').locator('html').evaluate((h) => h.getBoundingClientRect().height);
  return { frame: frame.height, content };
}

test('an iframe embed grows with its content and tells the host page about the submission', async ({ page, request }) => {
  const heard = await listen(page);
  await page.goto(`${MEMBER_SITE}/iframe.html`);
  const widget = new Widget(page, page.frameLocator('#forus').locator('forus-widget'));
  await expect(widget.primaryButton()).toBeVisible();
  // The resizer sized the iframe to the welcome screen, not the snippet's fixed 600 px.
  await expect.poll(async () => { const h = await heights(page); return Math.abs(h.frame - h.content); }).toBeLessThanOrEqual(2);
  const welcome = (await heights(page)).frame;
  await widget.start();
  await widget.fillProfile('SN');
  await expect.poll(async () => (await heights(page)).frame, 'the profile step is taller').not.toBe(welcome);
  await widget.fillDimensions();
  await widget.consentAndSubmit();
  await expect(widget.root.locator('.fw-table').first()).toBeVisible();
  await expect.poll(async () => (await heard()).filter((m) => m.data?.type === 'forus:submitted').length).toBe(1);
  const messages = await heard();
  const submitted = messages.find((m) => m.data?.type === 'forus:submitted')!;
  expect(submitted.origin).toBe(ENDPOINT);
  expect(submitted.data.detail.scores.length).toBeGreaterThan(0);
  expect(messages.every((m) => m.event || m.origin === ENDPOINT), 'nothing from another origin').toBe(true);
  // The resizer also dispatches forus-submitted on the iframe, as the script embed does on its element.
  expect(messages.find((m) => m.event)?.event.id).toBe(submitted.data.detail.id);
  // Sent from the endpoint's own origin, attributed to the member in the iframe's URL, pending review.
  const stored = await request.get(`${ENDPOINT}/api/v1/review/submissions/${submitted.data.detail.id}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(stored.status()).toBe(200);
  const entry = (await stored.json()).submission;
  expect(entry.member).toBe('coordination-sud');
  expect(entry.status).toBe('pending');
});

test('a site that is not one of the member\'s registered origins cannot frame the embed', async ({ page }) => {
  const heard = await listen(page);
  await page.goto(`${UNREGISTERED_SITE}/iframe.html`);
  await page.waitForLoadState('load');
  await page.waitForTimeout(1500);
  await expect(page.frameLocator('#forus').locator('forus-widget')).toHaveCount(0);
  expect(await heard()).toEqual([]);
});

test('the embed page refuses a missing or unknown member, naming the field', async ({ request }) => {
  for (const query of ['', '?member=nobody', '?member=coordination-sud&lang=de', '?member=coordination-sud&view=chart']) {
    const reply = await request.get(`${ENDPOINT}/embed${query}`);
    expect(reply.status(), query).toBe(422);
    const fields = Object.keys((await reply.json()).error.fields);
    expect(fields.length, query).toBe(1);
  }
});

test('the builder writes both snippets for the chosen member and previews the widget', async ({ page }) => {
  await page.goto(`${ENDPOINT}/embed/builder`);
  await page.locator('#member').selectOption('abong');
  await expect(page.locator('#lang')).toHaveValue('pt');
  await page.locator('#view').selectOption('map');
  await expect(page.locator('#iframe-snippet')).toContainText(`${ENDPOINT}/embed?member=abong&lang=pt&view=map`);
  await expect(page.locator('#iframe-snippet')).toContainText(`${ENDPOINT}/widget/forus-embed.js`);
  await expect(page.locator('#script-snippet')).toContainText('<forus-widget member="abong" lang="pt" view="map">');
  const preview = page.frameLocator('#preview').locator('forus-widget');
  await expect(preview).toHaveAttribute('view', 'map');
  await expect(preview.locator('.fw-map__svg')).toBeVisible();
});
