import { test, expect } from '@playwright/test';
import { Widget } from './widget';

// A right-to-left language needs only its texts: the widget root carries the language's `dir`, and the
// stylesheet uses logical properties only. Here the root is switched to `rtl`, as an Arabic pack would, and
// the layout must mirror.
test('with dir="rtl" on the widget root the layout mirrors and still fits a phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('http://127.0.0.1:8091/');
  const widget = Widget.first(page);
  await widget.start();
  const root = widget.root.locator('.fw-widget');
  await expect(root).toHaveAttribute('dir', 'ltr');
  const tile = widget.root.locator('.fw-sdg').first();
  const ltr = await tile.evaluate((t) => [getComputedStyle(t).borderLeftWidth, getComputedStyle(t).borderRightWidth]);
  expect(ltr).toEqual(['8px', '1px']);
  await root.evaluate((r) => r.setAttribute('dir', 'rtl'));
  const rtl = await tile.evaluate((t) => [getComputedStyle(t).borderLeftWidth, getComputedStyle(t).borderRightWidth]);
  expect(rtl, "the goal's colour band moves to the right").toEqual(['1px', '8px']);
  const number = await tile.locator('.fw-sdg__number').boundingBox();
  const box = await tile.boundingBox();
  expect(number!.x + number!.width / 2, 'the goal number sits on the right half').toBeGreaterThan(box!.x + box!.width / 2);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
});
