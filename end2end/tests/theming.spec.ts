import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { Widget } from './widget';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectAccessible(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).include('forus-widget').withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${where}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
}

for (const [name, ink] of [['light', 'rgb(0, 0, 0)'], ['dark', 'rgb(255, 255, 255)']]) {
  test(`a host's very ${name} accent, font, radius and width apply, and axe still finds nothing`, async ({ page }) => {
    await page.goto(`http://127.0.0.1:8091/themed-${name}.html`);
    const widget = Widget.first(page);
    const button = widget.primaryButton();
    await expect(button).toBeVisible();
    expect(await button.evaluate((b) => getComputedStyle(b).color), 'black or white, whichever reads on the accent').toBe(ink);
    const look = await widget.root.locator('.fw-card').first().evaluate((card) => ({
      radius: getComputedStyle(card).borderTopLeftRadius,
      font: getComputedStyle(card).fontFamily,
      width: card.getBoundingClientRect().width,
    }));
    expect(look.radius).toBe('0px');
    expect(look.font).toContain('Georgia');
    expect(look.width).toBeLessThanOrEqual(520);
    await expectAccessible(page, `${name} accent, welcome`);
    await widget.start();
    await widget.fillProfile('SN');
    await expectAccessible(page, `${name} accent, a dimension`);
    // The outlined "Back" button draws the accent as text on the widget's white: at least 4.5:1.
    const back = widget.root.locator('.fw-button:not(.fw-button--primary):visible').first();
    const ratio = await back.evaluate((b) => {
      const [r, g, bl] = getComputedStyle(b).color.match(/\d+/g)!.slice(0, 3).map(Number);
      const linear = (c: number) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      const l = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(bl);
      return 1.05 / (l + 0.05);
    });
    expect(ratio).toBeGreaterThanOrEqual(4.5);
  });
}
