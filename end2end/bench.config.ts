import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// Benchmarks (scripts/bench-map.sh): same servers and browser as the end-to-end tests, other folder.
export default defineConfig({ ...base, testDir: './bench', testMatch: '**/*.bench.ts', timeout: 300_000 });
