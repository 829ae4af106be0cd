import { defineConfig } from '@playwright/test';

// The endpoint (built by scripts/test.sh) on one origin, member host pages on others.
export const ENDPOINT = 'http://127.0.0.1:8090';
// At least 32 characters, as the endpoint requires of an admin token.
export const ADMIN_TOKEN = 'end2end-secretariat-token-0123456789abcdef';

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      // Debian's Chromium: Playwright never downloads a browser here.
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    trace: 'off',
  },
  webServer: [
    {
      command: 'rm -f ../target/end2end.db* && ../target/release/forus-endpoint --widget-dir ../dist --members members.toml',
      url: `${ENDPOINT}/healthz`,
      reuseExistingServer: false,
      env: {
        FORUS_ADDR: '127.0.0.1:8090',
        DATABASE_URL: 'sqlite://../target/end2end.db',
        FORUS_ADMIN_TOKEN: ADMIN_TOKEN,
        // Published figures are released every second here (an hour by default).
        FORUS_RELEASE_INTERVAL: '1s',
        // Every test comes from 127.0.0.1: lift the per-client limit (its own test is in endpoint/tests).
        FORUS_RATE_LIMIT_PER_MINUTE: '1000000',
        FORUS_RATE_LIMIT_BURST: '100000',
        // Nothing here scrapes metrics: a free port, so a demo endpoint on the default 9464 cannot block the run.
        FORUS_METRICS_ADDR: '127.0.0.1:0',
        RUST_LOG: 'warn',
      },
    },
    {
      command: 'node host-server.mjs',
      url: 'http://127.0.0.1:8091/',
      reuseExistingServer: false,
      env: { ENDPOINT },
    },
  ],
});
