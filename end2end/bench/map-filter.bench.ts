import { test, expect } from '@playwright/test';
import { ENDPOINT } from '../playwright.config';
import { published, seed } from '../tests/seed';

// Prints how long switching the SDG filter takes until the map is repainted-ready (all fills updated, every
// pending task run), against a baseline measured the same way without a switch, in the same run; and the
// bytes of the world geometry. Figures vary by a third between runs on shared machines: read the ratios.
test('map filter switch time and geometry size', async ({ page, request }) => {
  // Organisations in many countries so every switch recolours most of the map.
  const countries = ['FR', 'BR', 'SN', 'IN', 'US', 'KE', 'GH', 'AR', 'CL', 'ZA', 'NG', 'EG', 'MA', 'TN', 'JO', 'LB',
    'PH', 'ID', 'NP', 'BD', 'PK', 'LK', 'MX', 'CO', 'PE', 'BO', 'EC', 'DE', 'IT', 'ES', 'PT', 'SE', 'FI', 'PL',
    'UA', 'GE', 'AU', 'NZ', 'FJ', 'WS', 'MU', 'CV', 'SG', 'MT', 'JP', 'KR', 'CA', 'HT', 'CD', 'CM'];
  for (const [i, country] of countries.entries()) {
    const goals = Array.from({ length: 17 }, (_, g) => String(g + 1)).filter((g) => (Number(g) + i) % 3 !== 0);
    await seed(request, { member: 'abong', country, goals, count: 5 + (i % 7) });
  }
  await published(request, countries[countries.length - 1]);
  await page.goto('http://127.0.0.1:8093/map.html');
  const map = page.locator('forus-widget');
  await expect(map.locator('.fw-map__svg [data-country=BR]')).toBeVisible();

  const figures = await page.evaluate(async () => {
    const root = document.querySelector('forus-widget')!.shadowRoot!;
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('button[data-goal]')];
    const shapes = [...root.querySelectorAll('.fw-map__svg [data-country]')];
    // A macrotask through a MessageChannel: runs after every microtask the switch queued, without
    // setTimeout's 4 ms clamp.
    const settle = () => new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
    const fills = () => shapes.map((s) => s.getAttribute('fill')).join();
    const switches: number[] = [];
    const baselines: number[] = [];
    let changed = 0;
    for (let round = 0; round < 5; round++) {
      for (const button of buttons) {
        performance.mark('baseline-start');
        await settle();
        performance.mark('baseline-end');
        baselines.push(performance.measure('baseline', 'baseline-start', 'baseline-end').duration);

        const before = fills();
        performance.mark('switch-start');
        button.click();
        await settle();
        performance.mark('switch-end');
        switches.push(performance.measure('switch', 'switch-start', 'switch-end').duration);
        if (fills() !== before) changed++;
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
    return { shapes: shapes.length, switches: switches.length, changed, median: median(switches), p95: p95(switches),
      baseline: median(baselines) };
  });

  const sizes: Record<string, number> = {};
  for (const encoding of ['identity', 'gzip', 'br']) {
    const response = await request.get(`${ENDPOINT}/api/v1/map/geometry`, { headers: { 'accept-encoding': encoding } });
    sizes[encoding] = Number(response.headers()['content-length'] ?? (await response.body()).length);
  }

  console.log(`\nMap filter switch (${figures.switches} switches over ${figures.shapes} countries, ${figures.changed} recoloured the map):`);
  console.log(`  median ${figures.median.toFixed(2)} ms, p95 ${figures.p95.toFixed(2)} ms; baseline (no switch) ${figures.baseline.toFixed(2)} ms`);
  console.log(`  median minus baseline = ${(figures.median - figures.baseline).toFixed(2)} ms = ${((figures.median - figures.baseline) / 16 * 100).toFixed(0)} % of a 16 ms frame`);
  console.log(`World geometry: ${sizes.identity} B raw, ${sizes.gzip} B gzip, ${sizes.br} B brotli`);
  expect(figures.changed).toBeGreaterThan(0);
});
