import { defineConfig } from '@playwright/test';
import base, { ENDPOINT } from './playwright.config';

// The load-time and interaction benchmarks (scripts/bench-load-time.sh): the end-to-end tests' endpoint (a release
// every second, so the interaction benchmark's seeded counts are published) and browser, plus one static server for
// both sides' files (8095) and their host pages (8096) instead of the member sites.
const servers = [base.webServer ?? []].flat();
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: ['load-time.bench.ts', 'interaction.bench.ts'],
  webServer: [
    ...servers.filter((server) => server.url === `${ENDPOINT}/healthz`),
    {
      command: 'node bench/static-server.mjs',
      url: 'http://127.0.0.1:8095/healthz',
      reuseExistingServer: false,
      // It compresses every file at brotli quality 11 before it listens.
      timeout: 300_000,
      env: { ENDPOINT },
    },
  ],
});
