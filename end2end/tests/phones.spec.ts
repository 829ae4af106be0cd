import { test, expect, type Page } from '@playwright/test';
import { LEVELS, Widget } from './widget';

const MEMBER_SITE = 'http://127.0.0.1:8091';
const THIRD_SITE = 'http://127.0.0.1:8093';

/** The host page never scrolls sideways: nothing the widget draws makes the page wider than the phone. */
async function expectNoSidewaysScroll(page: Page, where: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${where}: the host page is ${scrollWidth} px wide on a ${innerWidth} px phone`).toBeLessThanOrEqual(innerWidth);
}

for (const width of [320, 360]) {
  test(`on a ${width} px phone, no step of the assessment, not the results, makes the host page scroll sideways`, async ({ page }) => {
    await page.setViewportSize({ width, height: 740 });
    await page.goto(`${MEMBER_SITE}/`);
    const widget = Widget.first(page);
    await expect(widget.primaryButton()).toBeVisible();
    await expectNoSidewaysScroll(page, 'welcome');
    await widget.start();
    await expectNoSidewaysScroll(page, 'profile');
    await widget.fillProfile('SN');
    for (const [i, step] of LEVELS.entries()) {
      await expectNoSidewaysScroll(page, `dimension ${i + 1}`);
      const groups = widget.root.locator('.fw-step fieldset:visible');
      for (let q = 0; q < step.length; q++) await groups.nth(q).locator('input[type=radio]').nth(step[q]).check();
      await widget.next();
    }
    await expectNoSidewaysScroll(page, 'support');
    await widget.fillSupport();
    await expectNoSidewaysScroll(page, 'consent');
    await widget.consentAndSubmit();
    await expect(widget.root.locator('.fw-table').first()).toBeVisible();
    await expectNoSidewaysScroll(page, 'results');
  });

  test(`on a ${width} px phone, the map view does not make the host page scroll sideways`, async ({ page }) => {
    await page.setViewportSize({ width, height: 740 });
    await page.goto(`${THIRD_SITE}/map.html`);
    const map = page.locator('forus-widget');
    await expect(map.locator('.fw-map__svg')).toBeVisible();
    await expectNoSidewaysScroll(page, 'map');
    await map.getByRole('button', { name: 'Table view' }).click();
    await expectNoSidewaysScroll(page, 'map as a table');
  });
}
