import { test, expect, type Page } from '@playwright/test';
import { Widget } from './widget';

const STRICT_SITE = 'http://127.0.0.1:8091/strict.html';

/** Every `securitypolicyviolation` the page reports, from its first script on. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`), true);
  });
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}

test('on a host with a strict CSP, every view renders styled, with no violation', async ({ page }) => {
  const violations = await recordViolations(page);
  await page.goto(STRICT_SITE);
  const widget = Widget.first(page);
  const button = widget.primaryButton();
  await expect(button).toBeVisible();
  // Styled as on a permissive page: the widget's stylesheet applies inside the shadow root.
  const look = await button.evaluate((b) => {
    const s = getComputedStyle(b);
    return { color: s.color, minHeight: b.getBoundingClientRect().height };
  });
  expect(look.color).toBe('rgb(255, 255, 255)');
  expect(look.minHeight).toBeGreaterThanOrEqual(44);
  await widget.start();
  // The progress bar's width is set through the CSSOM, not a style attribute.
  const fill = widget.root.locator('.fw-progress__fill:visible');
  expect(await fill.evaluate((f) => f.getBoundingClientRect().width)).toBeGreaterThan(0);
  await widget.fillProfile('SN');
  await widget.fillDimensions();
  await widget.consentAndSubmit();
  await expect(widget.root.locator('.fw-table').first()).toBeVisible();

  const map = page.locator('forus-widget[view=map]');
  await expect(map.locator('.fw-map__svg')).toBeVisible();
  await expect(map.locator('.fw-legend__swatch').first()).toBeVisible();
  const swatch = await map.locator('.fw-legend__swatch').first().evaluate((s) => getComputedStyle(s).backgroundColor);
  expect(swatch).not.toBe('rgba(0, 0, 0, 0)');
  const tile = await map.locator('.fw-filter[data-goal="7"]').evaluate((b) => getComputedStyle(b).borderLeftColor);
  expect(tile, 'goal 7 keeps its yellow').toBe('rgb(252, 195, 11)');
  expect(await violations()).toEqual([]);
});
