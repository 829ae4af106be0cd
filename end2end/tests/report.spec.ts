import { test, expect } from '@playwright/test';
import { ADMIN_TOKEN, ENDPOINT } from '../playwright.config';
import { collectErrors } from './widget';
import { published, seed } from './seed';

test('the secretariat reads the needs report as heat tables and bars, on a 1,280 px screen, and downloads a table', async ({ page, request }) => {
  const errors = collectErrors(page);
  // Five Fijian organisations Developing everywhere (every dimension a need; no other test sends from the
  // Pacific), five Brazilian ones Established.
  await seed(request, { member: 'abong', country: 'FJ', goals: ['4'], count: 5, level: 1 });
  await seed(request, { member: 'abong', country: 'BR', goals: ['5'], count: 5, level: 2 });
  await published(request, 'FJ');
  await published(request, 'BR');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${ENDPOINT}/report`);
  await page.locator('#report-token').fill('not the token');
  await page.getByRole('button', { name: 'Show the report' }).click();
  await expect(page.locator('#status')).toHaveText('That token is not accepted.');

  await page.locator('#report-token').fill(ADMIN_TOKEN);
  await page.locator('#data-lang').selectOption('fr');
  await page.getByRole('button', { name: 'Show the report' }).click();
  const heat = page.locator('table', { has: page.locator('caption', { hasText: 'Capacity needs by region' }) });
  await expect(heat).toBeVisible();
  // PIANGO's row: every dimension a need for all its organisations.
  const piango = heat.locator('tr', { hasText: 'PIANGO' });
  await expect(piango.locator('td.heat').first()).toHaveText(/^100/);
  await expect(piango.locator('td.heat')).toHaveCount(8);
  const mesa = heat.locator('tr', { hasText: 'MESA' });
  await expect(mesa).toBeVisible();
  // Dimension headers in the language chosen for the data.
  await expect(heat.locator('thead')).toContainText('Gouvernance et leadership');
  // Fits the screen: no sideways scroll of the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /Download CSV: Capacity needs by region/ }).first().click();
  const file = await (await download).createReadStream();
  const text = Buffer.concat(await file.toArray()).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain('PIANGO');
  expect(errors).toEqual([]);
});
