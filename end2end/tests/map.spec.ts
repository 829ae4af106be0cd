import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ENDPOINT } from '../playwright.config';
import { collectErrors, Widget } from './widget';
import { published, seed } from './seed';

const THIRD_SITE = 'http://127.0.0.1:8093';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test('approved submissions from member sites show on the map of a third site once five count; pending ones never', async ({ page, request }) => {
  const errors = collectErrors(page);
  // A visitor on ABONG's site (a pilot: approved on arrival, Kenya) and one on Coordination SUD's (review
  // required, Ghana) submit through the widget.
  for (const [site, country, anyGoal] of [
    ['http://127.0.0.1:8092', 'KE', 'pelo menos um objetivo'],
    ['http://127.0.0.1:8091', 'GH', 'au moins un objectif'],
  ]) {
    await page.goto(`${site}/`);
    const widget = Widget.first(page);
    await widget.start();
    await widget.fillProfile(country);
    await widget.fillDimensions();
    await widget.consentAndSubmit();
    await expect(widget.root.locator('.fw-notice--done')).toBeVisible();
    // The results' map says in words what it shows, in the site's language (its messages come with the results'
    // pack, not the first view's).
    await expect(widget.root.locator('.fw-map__summary')).toBeVisible();
    await expect(widget.root.locator('.fw-map__summary')).toContainText(anyGoal);
  }
  await seed(request, { member: 'abong', country: 'KE', goals: ['4'], count: 4 });
  await seed(request, { member: 'coordination-sud', country: 'GH', goals: ['4'], count: 4 });
  await published(request, 'KE');

  await page.goto(`${THIRD_SITE}/map.html`);
  const map = page.locator('forus-widget');
  await expect(map.locator('.fw-map__svg')).toBeVisible();
  await map.getByRole('button', { name: 'Table view' }).click();
  await expect(map.locator('tr[data-country=KE]')).toContainText('Kenya');
  await expect(map.locator('tr[data-country=KE] td').first()).toHaveText('5');
  await expect(map.locator('tr[data-country=GH]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the map recolours per goal, its table matches it, and "fewer than 5" looks like none', async ({ page, request }) => {
  await seed(request, { member: 'abong', country: 'AR', goals: ['4', '5'], count: 6 });
  await seed(request, { member: 'abong', country: 'CL', goals: ['5'], count: 2 });
  await published(request, 'AR');
  await page.goto(`${THIRD_SITE}/map.html`);
  const map = page.locator('forus-widget');
  const argentina = map.locator('[data-country=AR]');
  const chile = map.locator('[data-country=CL]');
  await expect(argentina).toBeVisible();

  const allGoals = await argentina.getAttribute('fill');
  await expect(map.locator('.fw-map__summary')).toBeVisible();
  await expect(map.locator('.fw-map__summary')).toContainText('organisations working on any goal; most: ');
  await map.locator('button[data-goal="4"]').click();
  await expect(map.locator('button[data-goal="4"]')).toHaveAttribute('aria-pressed', 'true');
  // The summary follows the filter, in words (the map view's pack holds the map's messages).
  await expect(map.locator('.fw-map__summary')).toContainText('organisations working on Goal 4 (Quality education); most: ');
  await expect(map.locator('.fw-map__summary')).toContainText('Argentina (');
  const goal4 = await argentina.getAttribute('fill');
  expect(goal4).not.toBe(allGoals);
  // Chile's two organisations look exactly like none, on goal 4, on goal 5 (theirs) and on all goals.
  await expect(chile).toHaveAttribute('fill', '#e6e8eb');
  await map.locator('button[data-goal="5"]').click();
  await expect(chile).toHaveAttribute('fill', '#e6e8eb');
  await expect(argentina).not.toHaveAttribute('fill', '#e6e8eb');
  await map.locator('button[data-goal="4"]').click();
  await expect(map.locator('.fw-legend')).toContainText('none or fewer than 5');
  await expect(map.locator('.fw-legend li')).not.toHaveText(['fewer than 5']);

  // Every coloured country is a row of the table, and only those.
  const coloured = await map.locator('.fw-map__svg [data-country]').evaluateAll((nodes) =>
    nodes.filter((n) => n.getAttribute('fill') !== '#e6e8eb').map((n) => n.getAttribute('data-country')).sort());
  await map.getByRole('button', { name: 'Table view' }).click();
  const rows = map.locator('tbody tr');
  const withGoal = await rows.evaluateAll((trs) => trs
    .filter((tr) => tr.querySelectorAll('td')[1]?.textContent !== '–')
    .map((tr) => tr.getAttribute('data-country')).sort());
  expect(withGoal).toEqual(coloured);
  await expect(map.locator('tr[data-country=AR] td').nth(1)).toHaveText('5', { useInnerText: true });
  await expect(map.locator('tr[data-country=CL]')).toHaveCount(0);

  // Sorting by country name.
  await map.getByRole('button', { name: 'Country' }).click();
  const names = await map.locator('tbody th').allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

  // The API itself publishes no country under five, and counts in fives.
  const data = await (await request.get(`${ENDPOINT}/api/v1/map`)).json();
  expect(data.countries.find((c: { country: string }) => c.country === 'CL')).toBeUndefined();
  expect(data.countries.find((c: { country: string }) => c.country === 'AR').organisations).toBe(5);
});

test('the map is one tab stop: arrows move between countries, a live region says where, Enter opens details', async ({ page, request }) => {
  await seed(request, { member: 'abong', country: 'SN', goals: ['16'], count: 5 });
  await published(request, 'SN');
  await page.goto(`${THIRD_SITE}/map.html`);
  const map = page.locator('forus-widget');
  const svg = map.locator('.fw-map__svg');
  await expect(svg).toBeVisible();
  await svg.focus();
  const live = map.locator('[aria-live=polite]').last();
  await expect(live).not.toBeEmpty();
  const first = await live.textContent();
  await page.keyboard.press('ArrowRight');
  await expect(live).not.toHaveText(first!);
  await page.keyboard.press('Enter');
  await expect(map.locator('#fw-details-title')).toBeFocused();
  await expect(map.locator('.fw-goalbar')).toHaveCount(17);
});

test('the regional coalitions are the map\'s presets and zoom it', async ({ page }) => {
  await page.goto(`${THIRD_SITE}/map.html`);
  const map = page.locator('forus-widget');
  const svg = map.locator('.fw-map__svg');
  await expect(svg).toHaveAttribute('viewBox', /^0 0 1000/);
  await expect(map.locator('.fw-map__regions button')).toHaveText(
    ['World', 'ADA', 'CONCORD', 'MESA', 'PIANGO', 'REPAOC', 'REPONGAC', 'SADC-CNGO']);
  await map.getByRole('button', { name: 'REPAOC', exact: true }).click();
  const africa = await svg.getAttribute('viewBox');
  expect(africa).not.toMatch(/^0 0 1000/);
  const [, , width] = africa!.split(' ').map(Number);
  expect(width).toBeLessThan(800);
});

test('both map views pass axe (WCAG 2.2 AA)', async ({ page }) => {
  await page.goto(`${THIRD_SITE}/map.html`);
  const map = page.locator('forus-widget');
  await expect(map.locator('.fw-map__svg')).toBeVisible();
  // Styled by the map module's own stylesheet (style/on-demand.css), which the first view's module leaves out.
  await expect(map.locator('.fw-map__svg')).toHaveCSS('background-color', 'rgb(244, 248, 251)');
  await expect(map.locator('.fw-filter').first()).toHaveCSS('border-inline-start-width', '6px');
  let results = await new AxeBuilder({ page }).include('forus-widget').withTags(WCAG).analyze();
  expect(results.violations.map((v) => `map: ${v.id} ${v.help}`)).toEqual([]);
  await map.getByRole('button', { name: 'Table view' }).click();
  await expect(map.locator('table')).toBeVisible();
  await expect(map.locator('.fw-table th').first()).toHaveCSS('border-top-color', 'rgb(201, 209, 217)');
  results = await new AxeBuilder({ page }).include('forus-widget').withTags(WCAG).analyze();
  expect(results.violations.map((v) => `table: ${v.id} ${v.help}`)).toEqual([]);
});

test('the results\' and the map\'s code and the geometry travel only when needed, once, and their absence is said', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (/\/widget\/forus-(results|map)-[0-9a-f]+(_bg\.wasm|\.js)$/.test(url) || url.endsWith('/api/v1/map/geometry')) {
      fetched.push(url.replace(/^.*\//, '').replace(/-[0-9a-f]{16}/, ''));
    }
  });
  // The assessment's first view, welcome and first step, fetches none of it.
  await page.goto('http://127.0.0.1:8091/');
  const widget = Widget.first(page);
  await widget.start();
  await widget.root.locator('#org_name').fill('Réseau des femmes rurales');
  await page.waitForLoadState('networkidle');
  expect(fetched).toEqual([]);

  // From the second step on, the results' module comes down in the background; not the geometry.
  await widget.fillProfile('FR');
  await expect.poll(() => [...fetched].sort()).toEqual(['forus-results.js', 'forus-results_bg.wasm']);

  // Map views bring the lighter map module and the geometry, once for both.
  await page.evaluate(() => {
    const map = document.createElement('forus-widget');
    map.setAttribute('view', 'map');
    document.body.append(map);
  });
  await expect(page.locator('forus-widget').nth(1).locator('.fw-map__svg')).toBeVisible();
  await page.evaluate(() => document.querySelector('forus-widget')!.setAttribute('view', 'map'));
  await expect(page.locator('forus-widget').first().locator('.fw-map__svg')).toBeVisible();
  expect([...fetched].sort())
    .toEqual(['forus-map.js', 'forus-map_bg.wasm', 'forus-results.js', 'forus-results_bg.wasm', 'geometry']);

  // Where the module cannot arrive, the map says it is unavailable, and shows once it can, when asked again.
  const offline = await page.context().newPage();
  const wasm = /\/widget\/forus-map-[0-9a-f]+_bg\.wasm$/;
  await offline.route(wasm, (route) => route.abort('internetdisconnected'));
  await offline.goto(`${THIRD_SITE}/map.html`);
  const map = offline.locator('forus-widget');
  await expect(map.getByRole('alert')).toHaveText('Not available right now (offline?).');
  await offline.unroute(wasm);
  await map.getByRole('button', { name: 'Try again now' }).click();
  await expect(map.locator('.fw-map__svg')).toBeVisible();
  await expect(map.getByRole('alert')).toHaveCount(0);
});
