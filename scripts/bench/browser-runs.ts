// Drop-to-table runs in headless Chromium through scripts/measure-browser.mjs, whose per-run
// output lines are parsed here.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { REPOSITORY_ROOT } from './bench-files.ts';

export interface BrowserRun {
  seconds: number;
  state: string;
  peakRendererRssBytes: number;
  peakWorkerHeapBytes: number;
}

const MEBIBYTE = 2 ** 20;
const RUN_LINE = /^run \d+: .* in ([\d.]+) s .*state (\w+), renderer RSS \d+ MiB idle, (\d+) MiB peak, peak worker JS heap (\d+) MiB/;

/** Builds dist/ with Vite when it is missing or when `rebuild` is set. */
export function ensureBuiltApp(rebuild: boolean): void {
  if (!rebuild && existsSync(path.join(REPOSITORY_ROOT, 'dist/index.html'))) {
    return;
  }
  execFileSync('npx', ['vite', 'build'], { cwd: REPOSITORY_ROOT, stdio: 'inherit' });
}

export function parseBrowserRunLine(line: string): BrowserRun | undefined {
  const match = RUN_LINE.exec(line);
  if (match === null) {
    return undefined;
  }
  return {
    seconds: Number(match[1]),
    state: match[2] ?? '',
    peakRendererRssBytes: Number(match[3]) * MEBIBYTE,
    peakWorkerHeapBytes: Number(match[4]) * MEBIBYTE,
  };
}

/** Runs `runs` drop-to-table analyses of `filePath` in one Chromium and returns one entry per run. */
export function runBrowser(filePath: string, runs: number): Promise<BrowserRun[]> {
  return new Promise((resolve, reject) => {
    const script = path.join(REPOSITORY_ROOT, 'scripts/measure-browser.mjs');
    const child = spawn(process.execPath, [script, filePath, '--runs', String(runs)], {
      cwd: REPOSITORY_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);

    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`measure-browser.mjs failed on ${filePath} with exit code ${code}: ${Buffer.concat(stderr).toString().trim()}`));
        return;
      }
      const lines = Buffer.concat(stdout).toString().split('\n');
      const results = lines.map(parseBrowserRunLine).filter((run) => run !== undefined);
      if (results.length !== runs) {
        reject(new Error(`measure-browser.mjs printed ${results.length} run lines for ${runs} runs:\n${lines.join('\n')}`));
        return;
      }
      resolve(results);
    });
  });
}
