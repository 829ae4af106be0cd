import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// Benchmarks (scripts/bench-map.sh): same servers and browser as the end-to-end tests, other folder. The load-time
// and interaction benchmarks need their own static server: they run with bench-load-time.config.ts.
export default defineConfig({
  ...base, testDir: './bench', testMatch: '**/*.bench.ts', testIgnore: ['**/load-time.bench.ts', '**/interaction.bench.ts'], timeout: 300_000,
});
