// Measures one drop-to-table analysis in headless Chromium: wall time from handing the file to the
// page's file input until the page reports `done`, the renderer processes' peak resident memory,
// and the worker's JS heap where the browser exposes it.
//
// Usage: node scripts/measure-browser.mjs FILE [--runs N]
// Needs a built dist/ (npm run build). Opens dist/index.html from file://, so no server is involved.
import { chromium } from '@playwright/test';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SAMPLE_INTERVAL_MS = 50;

function parseArguments(argv) {
  const file = argv[2];
  if (!file || !existsSync(file)) {
    console.error('usage: node scripts/measure-browser.mjs FILE [--runs N]  (FILE must exist)');
    process.exit(2);
  }
  const runsIndex = argv.indexOf('--runs');
  const runs = runsIndex > 0 ? Number(argv[runsIndex + 1]) : 1;
  return { file: resolve(file), runs };
}

/** Resident set size in bytes of every Chromium renderer process, from /proc (Linux only). */
function rendererResidentBytes() {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!commandLine.includes('--type=renderer')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

function launchOptions() {
  const onDebian = existsSync('/usr/bin/chromium');
  const args = ['--disable-background-networking', '--disable-component-update', '--no-first-run'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return onDebian ? { executablePath: '/usr/bin/chromium', args } : { args };
}

async function measureOnce(browser, file) {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(resolve('dist/index.html')).href);
  await page.waitForFunction(() => document.documentElement.dataset.mailsweepState === 'idle');

  let peakResident = 0;
  let peakWorkerHeap = 0;
  const workers = [];
  page.on('worker', (worker) => workers.push(worker));
  const sampler = setInterval(() => {
    peakResident = Math.max(peakResident, rendererResidentBytes());
    for (const worker of workers) {
      worker
        .evaluate(() => globalThis.performance?.memory?.usedJSHeapSize ?? 0)
        .then((bytes) => (peakWorkerHeap = Math.max(peakWorkerHeap, bytes)))
        .catch(() => undefined);
    }
  }, SAMPLE_INTERVAL_MS);

  const started = performance.now();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.waitForFunction(
    () => ['done', 'error'].includes(document.documentElement.dataset.mailsweepState ?? ''),
    undefined,
    { timeout: 30 * 60_000, polling: 20 },
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  const state = await page.evaluate(() => document.documentElement.dataset.mailsweepState);
  await page.close();
  return { seconds, peakResident, peakWorkerHeap, state };
}

const { file, runs } = parseArguments(process.argv);
const sizeMegabytes = statSync(file).size / 1e6;
const browser = await chromium.launch({ ...launchOptions(), headless: true });
try {
  for (let run = 1; run <= runs; run++) {
    const result = await measureOnce(browser, file);
    const heap = result.peakWorkerHeap > 0 ? `${(result.peakWorkerHeap / 2 ** 20).toFixed(0)} MiB` : 'not exposed';
    console.log(
      `run ${run}: ${sizeMegabytes.toFixed(1)} MB in ${result.seconds.toFixed(2)} s ` +
        `(${(sizeMegabytes / result.seconds).toFixed(1)} MB/s), state ${result.state}, ` +
        `peak renderer RSS ${(result.peakResident / 2 ** 20).toFixed(0)} MiB, peak worker JS heap ${heap}`,
    );
  }
} finally {
  await browser.close();
}
