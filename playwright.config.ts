// Browser tests run against the built single-file page (npm run test:browser builds it first), served
// by scripts/serve.mjs, and also opened from file:// by one test.
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Port of the test server; MAILSWEEP_TEST_PORT moves it when two checkouts run tests at once. */
const TEST_PORT = Number(process.env.MAILSWEEP_TEST_PORT ?? 4174);

/** Debian's Chromium where it exists, since Playwright's own browser download may be unavailable. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

function browserArguments(): string[] {
  const args = ['--disable-background-networking', '--disable-component-update', '--no-first-run'];
  // Chromium's sandbox refuses to start as root, as in CI containers.
  if (process.getuid?.() === 0) {
    args.push('--no-sandbox');
  }
  return args;
}

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // The tests share one server, and CI machines have 2 cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${TEST_PORT}/`,
    browserName: 'chromium',
    launchOptions: {
      ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
      args: browserArguments(),
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${TEST_PORT}`,
    url: `http://127.0.0.1:${TEST_PORT}/`,
    // Never reuse: a server already on the port may belong to another checkout, and its page would
    // be tested instead of this one. Playwright then stops with a message naming the port.
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
