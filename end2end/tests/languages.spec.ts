import { test, expect, type Request } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ENDPOINT } from '../playwright.config';
import { Widget } from './widget';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// The widget's module carries no text: each language comes as a pack (model/src/pack.rs), fetched beside the
// wasm for the page's language and on demand for another.
// `welcome-fr` for the first view's French pack (the welcome screen and the first step), `fr` for the whole
// assessment's (fetched once the visitor starts, and on a switch), `results-fr` for the results' one (with
// the action plans).
const pack = (request: Request) =>
  request.url().match(/\/widget\/pack-((?:results-|welcome-)?[a-z]{2})-[0-9a-f]+\.json$/)?.[1];

test('a French page downloads only the French texts, and a language switch waits for its pack, fetched once', async ({ page }) => {
  const packs: string[] = [];
  page.on('request', (request) => {
    const name = pack(request);
    if (name) packs.push(name);
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
  // The first view's texts only: the rest of the questionnaire's come when the visitor starts.
  await page.waitForLoadState('networkidle');
  expect(packs).toEqual(['welcome-fr']);

  await widget.root.evaluate((element) => element.setAttribute('lang', 'pt'));
  await expect.poll(() => packs).toEqual(['welcome-fr', 'pt']);
  // While the pack travels, the widget stays whole in French.
  await page.waitForTimeout(300);
  await expect(widget.primaryButton()).toHaveText('Commencer l’autoévaluation');
  await expect(widget.root.locator('.fw-widget')).toHaveAttribute('lang', 'fr');
  releasePortuguese();
  await expect(widget.primaryButton()).toHaveText('Iniciar a autoavaliação');
  await expect(widget.root.locator('.fw-widget')).toHaveAttribute('lang', 'pt');
  // Every text moved, not only the interface's: the questionnaire's, the countries'.
  await expect(widget.root.locator('#fw-welcome-title')).toHaveText('Autoavaliação de capacidades para a Agenda 2030');

  // Back to French, whose first view's texts alone the widget has: it switches once it has them all.
  await widget.root.evaluate((element) => element.setAttribute('lang', 'fr'));
  await expect(widget.primaryButton()).toHaveText('Commencer l’autoévaluation');
  expect(packs).toEqual(['welcome-fr', 'pt', 'fr']);
  // Both whole packs are kept: switching back and forth fetches nothing more.
  await widget.root.evaluate((element) => element.setAttribute('lang', 'pt'));
  await expect(widget.primaryButton()).toHaveText('Iniciar a autoavaliação');
  await widget.root.evaluate((element) => element.setAttribute('lang', 'fr'));
  await expect(widget.primaryButton()).toHaveText('Commencer l’autoévaluation');
  await widget.root.evaluate((element) => element.setAttribute('lang', 'pt'));
  await widget.start();
  await expect(widget.root.locator('label[for=org_name]')).toContainText('Nome da sua organização');
  await expect(widget.root.locator('#country option[value=MZ]')).toHaveText('Moçambique');
  await page.waitForLoadState('networkidle');
  expect(packs, 'no pack more, and none of the results\' on the first step').toEqual(['welcome-fr', 'pt', 'fr']);
});

test('the steps after the first wait for the rest of the texts, say so if they cannot come, and show once they do', async ({ page, context }) => {
  // The rest of the French texts cannot be fetched, as on a connection lost right after the first view.
  let restReachable = false;
  let answer = () => {};
  const answered = new Promise<void>((resolve) => (answer = resolve));
  await page.route(`${ENDPOINT}/widget/pack-fr-*.json`, async (route) => {
    await answered;
    await (restReachable ? route.continue() : route.abort('internetdisconnected'));
  });
  const asked: string[] = [];
  page.on('request', (request) => asked.push(pack(request) ?? ''));
  await page.goto('http://127.0.0.1:8091/');
  const widget = Widget.first(page);
  await expect(widget.primaryButton()).toBeVisible();
  await page.waitForTimeout(500);
  expect(asked, 'asked for once the visitor starts').not.toContain('fr');
  await widget.start();
  await expect.poll(() => asked).toContain('fr');
  // The first step has every text it needs.
  await expect(widget.root.locator('#fw-step-title')).toHaveText('Votre organisation');
  await expect(widget.root.locator('#country option[value=SN]')).toHaveText('Sénégal');
  const r = widget.root;
  // With the first view's pack alone (it leaves out what only the on-demand modules show), a refused first step
  // still says everything: the summary, each problem, and every control's name.
  await widget.next();
  await expect(r.locator('.fw-alert')).toHaveText(/\p{L}{3}/u);
  const problems = r.locator('p.fw-error:visible');
  expect(await problems.count()).toBeGreaterThan(2);
  for (const problem of await problems.all()) await expect(problem).toHaveText(/\p{L}{3}/u);
  for (const control of await r.locator('button:visible, label:visible, legend:visible').all()) {
    await expect(control).toHaveText(/\p{L}{2}|\d/u);
  }
  await widget.fillOrganisation('SN');
  await widget.next();

  // No step without its texts: while they travel, the widget says so; if they cannot come, it says they are not
  // available, keeps the answers, and offers to try again.
  const title = r.locator('#fw-step-title');
  await expect(title).toHaveText('Chargement…');
  await expect(title).toBeFocused();
  answer();
  await expect(title).toHaveText('Indisponible pour le moment (hors ligne ?).');
  await expect(title).toBeFocused();
  await expect(r.locator('.fw-step fieldset:visible')).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).include('forus-widget').withTags(WCAG).analyze();
  expect(axe.violations).toEqual([]);
  await r.getByRole('button', { name: 'Retour' }).click();
  await expect(r.locator('#org_name')).toHaveValue('Réseau des femmes rurales');
  await widget.next();
  await expect(title).toHaveText('Indisponible pour le moment (hors ligne ?).');

  await expect(r.getByRole('button', { name: 'Réessayer maintenant' })).toBeVisible();

  // Back online, the widget asks again by itself (the button asks the same way).
  restReachable = true;
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(title).toHaveText('L’examen des ODD et l’espace civique dans votre pays');
  await expect(title).toBeFocused();
  // Its questions with their texts.
  await expect(r.locator('.fw-step fieldset:visible legend').first()).toHaveText(/\p{L}{3}/u);
  await expect(r.locator('label[for=vnr_involvement-contributed]')).toHaveText(/\p{L}{3}/u);
});

test('on the results screen a language switch waits for the results\' texts too, then changes everything at once', async ({ page }) => {
  await page.goto('http://127.0.0.1:8091/');
  const widget = Widget.first(page);
  await widget.start();
  await widget.fillProfile('FR');
  await widget.fillDimensions();
  await widget.consentAndSubmit();
  const analysis = widget.root.locator('.fw-on-demand figcaption').first();
  await expect(analysis).toHaveText('Scores par dimension (0–100)');

  let releasePortuguese = () => {};
  const portugueseHeld = new Promise<void>((resolve) => (releasePortuguese = resolve));
  await page.route(`${ENDPOINT}/widget/pack-results-pt-*.json`, async (route) => {
    await portugueseHeld;
    await route.continue();
  });
  // The widget's own Portuguese pack arrives; a widget that switched on it alone would show Portuguese now.
  const ownPack = page.waitForResponse(/\/pack-pt-[0-9a-f]+\.json$/);
  await widget.root.evaluate((element) => element.setAttribute('lang', 'pt'));
  await ownPack;
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await expect(widget.root.locator('#fw-results-title')).toHaveText('Vos résultats');
  await expect(analysis).toHaveText('Scores par dimension (0–100)');
  releasePortuguese();
  await expect(widget.root.locator('#fw-results-title')).toHaveText('Os seus resultados');
  await expect(analysis).toHaveText('Pontuações por dimensão (0–100)');
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
