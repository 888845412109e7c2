// Measures one drop-to-table analysis in headless Chromium. It reports the wall time from handing
// the file to the page's file input until the page reports `done`, the renderer processes' peak
// resident memory, and the worker's peak JS heap. Memory is sampled every 50 ms, so a shorter
// spike can be missed.
//
// Usage: node scripts/measure-browser.mjs FILE [--runs N]
// Needs a built dist/ (npm run build). Opens dist/index.html from file://, so no server is involved.
import { chromium } from '@playwright/test';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SAMPLE_INTERVAL_MS = 50;

/**
 * Time between the page reporting `idle` and the drop, as a person takes at least this long to
 * drop a file on a page they just opened. The page starts its workers in this time.
 */
const IDLE_BEFORE_DROP_MS = 1000;

function parseArguments(argv) {
  const file = argv[2];
  if (!file || !existsSync(file)) {
    console.error(`File not found: ${file ?? '(none given)'}. Usage: node scripts/measure-browser.mjs FILE [--runs N]`);
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

/**
 * Polls the JS heap of every dedicated worker of the page, nested range and hash workers included,
 * through the DevTools protocol (Runtime.getHeapUsage over a browser-level session). Keeps the
 * largest sum of their latest used sizes in bytes: the workers' heaps together, not the largest one.
 */
async function watchWorkerHeaps(browser, page) {
  const browserSession = await browser.newBrowserCDPSession();
  const pageSession = await page.context().newCDPSession(page);
  const sessionsByTarget = new Map();
  const usedBySession = new Map();
  let peakUsedBytes = 0;
  let messageId = 0;

  browserSession.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    const usedSize = message.result?.usedSize;
    if (typeof usedSize !== 'number') return;
    usedBySession.set(event.sessionId, usedSize);
    const total = [...usedBySession.values()].reduce((sum, used) => sum + used, 0);
    peakUsedBytes = Math.max(peakUsedBytes, total);
  });
  browserSession.on('Target.detachedFromTarget', (event) => {
    // A worker that ended has no heap any more.
    usedBySession.delete(event.sessionId);
  });

  const poll = async () => {
    const { targetInfos } = await pageSession.send('Target.getTargets');
    for (const target of targetInfos) {
      if (target.type !== 'worker' || sessionsByTarget.has(target.targetId)) continue;
      const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
      sessionsByTarget.set(target.targetId, sessionId);
    }
    for (const sessionId of sessionsByTarget.values()) {
      messageId += 1;
      const message = JSON.stringify({ id: messageId, method: 'Runtime.getHeapUsage' });
      await browserSession.send('Target.sendMessageToTarget', { sessionId, message }).catch(() => undefined);
    }
  };

  const timer = setInterval(() => void poll().catch(() => undefined), SAMPLE_INTERVAL_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      await browserSession.detach().catch(() => undefined);
      return peakUsedBytes;
    },
  };
}

async function measureOnce(browser, file) {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(resolve('dist/index.html')).href);
  await page.waitForFunction(() => document.documentElement.dataset.mailsweepState === 'idle');
  await new Promise((resolve) => setTimeout(resolve, IDLE_BEFORE_DROP_MS));

  const idleResident = rendererResidentBytes();
  let peakResident = 0;
  const residentSampler = setInterval(() => {
    peakResident = Math.max(peakResident, rendererResidentBytes());
  }, SAMPLE_INTERVAL_MS);
  const heapWatcher = await watchWorkerHeaps(browser, page);

  const started = performance.now();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.waitForFunction(
    () => ['done', 'error'].includes(document.documentElement.dataset.mailsweepState ?? ''),
    undefined,
    { timeout: 30 * 60_000, polling: 20 },
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(residentSampler);
  const peakWorkerHeap = await heapWatcher.stop();

  const state = await page.evaluate(() => document.documentElement.dataset.mailsweepState);
  await page.close();
  return { seconds, idleResident, peakResident, peakWorkerHeap, state };
}

const { file, runs } = parseArguments(process.argv);
const sizeMegabytes = statSync(file).size / 1e6;
const browser = await chromium.launch({ ...launchOptions(), headless: true });
try {
  for (let run = 1; run <= runs; run++) {
    const result = await measureOnce(browser, file);
    const heap = `${(result.peakWorkerHeap / 2 ** 20).toFixed(0)} MiB`;
    console.log(
      `run ${run}: ${sizeMegabytes.toFixed(1)} MB in ${result.seconds.toFixed(2)} s ` +
        `(${(sizeMegabytes / result.seconds).toFixed(1)} MB/s), state ${result.state}, ` +
        `renderer RSS ${(result.idleResident / 2 ** 20).toFixed(0)} MiB idle, ${(result.peakResident / 2 ** 20).toFixed(0)} MiB peak, ` +
        `peak worker JS heap ${heap}`,
    );
  }
} finally {
  await browser.close();
}
