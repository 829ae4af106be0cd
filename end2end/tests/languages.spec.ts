import { test, expect, type Request } from '@playwright/test';
import { ENDPOINT } from '../playwright.config';
import { Widget } from './widget';

// The widget's module carries no text: each language comes as a pack (model/src/pack.rs), fetched beside the
// wasm for the page's language and on demand for another.
const isPack = (request: Request) => /\/widget\/pack-[a-z]{2}-[0-9a-f]+\.json$/.test(request.url());
const packLang = (request: Request) => request.url().match(/pack-([a-z]{2})-/)![1];

test('a French page downloads only the French texts, and a language switch waits for its pack, fetched once', async ({ page }) => {
  const packs: string[] = [];
  page.on('request', (request) => {
    if (isPack(request)) packs.push(packLang(request));
  });
  // The Portuguese pack arrives slowly, as on mobile data.
  let releasePortuguese = () => {};
  const portugueseHeld = new Promise<void>((resolve) => (releasePortuguese = resolve));
  await page.route(`${ENDPOINT}/widget/pack-pt-*.json`, async (route) => {
    await portugueseHeld;
    await route.continue();
  });

  await page.goto('http://127.0.0.1:8091/');
  const widget = Widget.first(page);
  await expect(widget.primaryButton()).toHaveText('Commencer l’autoévaluation');
  expect(packs).toEqual(['fr']);

  await widget.root.evaluate((element) => element.setAttribute('lang', 'pt'));
  await expect.poll(() => packs).toEqual(['fr', 'pt']);
  // While the pack travels, the widget stays whole in French.
  await page.waitForTimeout(300);
  await expect(widget.primaryButton()).toHaveText('Commencer l’autoévaluation');
  await expect(widget.root.locator('.fw-widget')).toHaveAttribute('lang', 'fr');
  releasePortuguese();
  await expect(widget.primaryButton()).toHaveText('Iniciar a autoavaliação');
  await expect(widget.root.locator('.fw-widget')).toHaveAttribute('lang', 'pt');

  // Both packs are kept: switching back and forth fetches nothing more.
  await widget.root.evaluate((element) => element.setAttribute('lang', 'fr'));
  await expect(widget.primaryButton()).toHaveText('Commencer l’autoévaluation');
  await widget.root.evaluate((element) => element.setAttribute('lang', 'pt'));
  await expect(widget.primaryButton()).toHaveText('Iniciar a autoavaliação');
  expect(packs).toEqual(['fr', 'pt']);
});

test('a language whose pack cannot be fetched leaves the widget in its language, saying so, and answers kept', async ({ page }) => {
  let spanishReachable = false;
  await page.route(`${ENDPOINT}/widget/pack-es-*.json`, (route) =>
    spanishReachable ? route.continue() : route.abort('internetdisconnected'));
  await page.goto('http://127.0.0.1:8091/');
  const widget = Widget.first(page);
  await widget.start();
  await widget.root.locator('#org_name').fill('Réseau des femmes rurales');

  await widget.root.evaluate((element) => element.setAttribute('lang', 'es'));
  const notice = widget.root.locator('.fw-widget > [role=status]');
  await expect(notice).toHaveText('Les textes en Español n’ont pas pu être chargés (hors ligne ?). Le widget reste dans cette langue.');
  await expect(widget.root.locator('.fw-widget')).toHaveAttribute('lang', 'fr');
  await expect(widget.root.locator('#org_name')).toHaveValue('Réseau des femmes rurales');

  // Asking again once the connection is back works, and the notice goes.
  spanishReachable = true;
  await widget.root.evaluate((element) => element.setAttribute('lang', 'fr'));
  await widget.root.evaluate((element) => element.setAttribute('lang', 'es'));
  await expect(widget.root.locator('.fw-widget')).toHaveAttribute('lang', 'es');
  await expect(notice).toHaveCount(0);
  await expect(widget.root.locator('#org_name')).toHaveValue('Réseau des femmes rurales');
});
