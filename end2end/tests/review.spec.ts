import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ADMIN_TOKEN, ENDPOINT } from '../playwright.config';
import { collectErrors } from './widget';
import { seed } from './seed';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Fails on any axe violation (WCAG 2.2 AA) of the whole page. */
async function expectAccessible(page: Page, when: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${when}: ${v.id} ${v.help}`)).toEqual([]);
}

test('the secretariat reviews submissions of a member that requires review: opens one, approves it with a reason, rejects two at once, and reads the audit log', async ({ page, request }) => {
  const errors = collectErrors(page);
  // Three NGOs of Senegal sent from Coordination SUD's site (review required there): pending until decided.
  // Other tests send from that site too, so rows are told apart by their data-id, never by their name.
  const ids = await seed(request, { member: 'coordination-sud', country: 'SN', goals: ['4'], count: 3 });
  const [first, ...others] = ids;

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${ENDPOINT}/review`);
  const token = page.locator('#review-token');
  await expect(token).toHaveAttribute('type', 'password');
  await expect(token).toHaveAttribute('autocomplete', 'off');
  await token.fill('not the token');
  await page.getByRole('button', { name: 'Show submissions' }).click();
  await expect(page.locator('#status')).toHaveText('That token is not accepted.');
  await expect(token).toBeFocused();

  await token.fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Show submissions' }).click();
  await expect(page.locator('#status-filter')).toHaveValue('pending');
  const table = page.locator('#submissions-table');
  const row = (id: string) => table.locator(`tbody tr[data-id="${id}"]`);
  await expect(table.locator(ids.map((id) => `tbody tr[data-id="${id}"]`).join(', '))).toHaveCount(3);
  for (const id of ids) {
    // Country named from its ISO code, type from the questionnaire, every scale at "Established" (67).
    await expect(row(id)).toContainText('Seeded organisation');
    await expect(row(id)).toContainText('Senegal');
    await expect(row(id)).toContainText('National or local NGO');
    await expect(row(id)).toContainText('Gov 67');
    await expect(row(id)).toContainText('Pending');
    await expect(row(id).locator('input.row-select')).toHaveValue(id);
  }
  // The secretariat sees every member's submissions.
  await expect(page.locator('#reviewer')).toContainText('every member');

  // Opened from the keyboard: focus moves to the details panel's heading.
  await row(first).getByRole('button', { name: /^Open/ }).focus();
  await page.keyboard.press('Enter');
  const details = page.locator('#details');
  await expect(page.locator('#details-title')).toBeFocused();
  await expect(page.locator('#details-title')).toContainText('Seeded organisation');
  await expect(details).toHaveAttribute('data-id', first);
  const answer = (question: string) => details.locator(`[data-question="${question}"]`);
  await expect(answer('org_name').locator('dt')).toHaveText('Name of your organisation');
  await expect(answer('org_name').locator('dd')).toHaveText('Seeded organisation');
  await expect(answer('org_type').locator('dd')).toHaveText('National or local NGO');
  await expect(answer('country').locator('dd')).toHaveText('Senegal (SN)');
  await expect(answer('gov_board').locator('dd')).toHaveText(/^Level 3 of 4: \S/);
  await expect(details.locator('tr[data-dimension="governance"]')).toContainText('67');
  await expect(page.locator('#past-decision')).toHaveText('No decision yet.');
  await expectAccessible(page, 'details open');

  // Approved with a reason: the list reloads without it, the panel shows the decision.
  await page.locator('#decision-reason').fill('Checked by phone');
  await details.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.locator('#status')).toHaveText('1 submission approved.');
  await expect(row(first)).toHaveCount(0);
  await expect(page.locator('#past-decision')).toContainText('Checked by phone');
  await expect(page.locator('#past-decision')).toContainText('Approved');

  // "Select all" ticks every row and unticks them again; then the other two are rejected at once.
  const selectAll = page.locator('#select-all');
  await selectAll.check();
  for (const id of others) await expect(row(id).locator('input.row-select')).toBeChecked();
  await selectAll.uncheck();
  await expect(table.locator('tbody input.row-select:checked')).toHaveCount(0);
  for (const id of others) await row(id).locator('input.row-select').check();
  await expect(page.locator('#selection-count')).toContainText('2 of');
  await page.locator('#bulk-reason').fill('Sent twice');
  await page.getByRole('button', { name: 'Reject selected' }).click();
  await expect(page.locator('#status')).toHaveText('2 submissions rejected.');
  for (const id of others) await expect(row(id)).toHaveCount(0);

  // Each filter lists what was decided.
  await page.locator('#status-filter').selectOption('approved');
  await expect(row(first)).toBeVisible();
  await expect(row(first)).toContainText('Approved');
  for (const id of others) await expect(row(id)).toHaveCount(0);
  await page.locator('#status-filter').selectOption('rejected');
  for (const id of others) await expect(row(id)).toContainText('Rejected');
  await expect(row(first)).toHaveCount(0);

  // The audit log: one entry per submission, with its status and reason.
  const log = page.locator('#log-table');
  const entry = (id: string) => log.locator(`tbody tr[data-id="${id}"]`);
  await expect(entry(first)).toHaveCount(1);
  await expect(entry(first)).toContainText('Approved');
  await expect(entry(first)).toContainText('Checked by phone');
  for (const id of others) {
    await expect(entry(id)).toHaveCount(1);
    await expect(entry(id)).toContainText('Rejected');
    await expect(entry(id)).toContainText('Sent twice');
  }

  // The token is kept in memory only.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(ADMIN_TOKEN);

  // On a 360 px phone: no sideways scroll of the page; the table scrolls in its own box, reachable by keyboard.
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(page.locator('#submissions-scroll')).toHaveAttribute('tabindex', '0');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page, '360 px');
  expect(errors).toEqual([]);
});
