// `npm run bench`: Mailsweep's core against DuckDB on the same generated files, then the
// drop-to-table time in headless Chromium. Prints medians, ranges and ratios, and exits with code
// 1 when the two engines report different findings.
//
//   npm run bench                  500,000-record files (generated on first use, a few minutes)
//   npm run bench -- --quick       about 20,000 records, for checking the harness itself
//   options: --runs N (per engine and file, default 3), --rebuild (run vite build first),
//            --no-browser (skip the Chromium part), --memory (only the 2 GB and 5 GB memory checks)

import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';

import { ensureBenchData, FULL_DATA_SET, QUICK_DATA_SET, type BenchFile } from './bench-files.ts';
import { ensureBuiltApp, runBrowser } from './browser-runs.ts';
import { runEngine, type Engine, type EngineRun } from './child-runs.ts';
import { describeFirstDifference } from './escu-rows.ts';
import { runMemoryChecks } from './memory-runs.ts';
import { formatMebibytes, formatSeconds, spreadOf } from './statistics.ts';

interface BenchOptions {
  quick: boolean;
  runs: number;
  rebuild: boolean;
  browser: boolean;
  memory: boolean;
}

/** Targets the report compares the ratios with. A missed target does not fail the run. */
const MAX_CORE_TO_DUCKDB = 1.0;
const MAX_BROWSER_TO_NODE = 1.5;

function parseOptions(argv: readonly string[]): BenchOptions {
  const known = new Set(['--quick', '--runs', '--rebuild', '--no-browser', '--memory']);
  const runsIndex = argv.indexOf('--runs');
  const runsText = runsIndex >= 0 ? argv[runsIndex + 1] : '3';
  const runs = Number(runsText);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`Invalid --runs ${JSON.stringify(runsText)}: expected a positive integer.`);
  }
  const unknown = argv.filter((argument, index) => !known.has(argument) && (runsIndex < 0 || index !== runsIndex + 1));
  if (unknown.length > 0) {
    throw new Error(`Unknown argument ${unknown.join(' ')}. Options: --quick, --runs N, --rebuild, --no-browser, --memory.`);
  }
  return {
    quick: argv.includes('--quick'),
    runs,
    rebuild: argv.includes('--rebuild'),
    browser: !argv.includes('--no-browser'),
    memory: argv.includes('--memory'),
  };
}

/** Prints the load averages, because other work sharing the cores widens the spread of the figures. */
function reportLoad(moment: string): void {
  console.log(`load average ${moment}: ${loadavg().map((load) => load.toFixed(2)).join(' ')} (1, 5, 15 min)`);
}

function verdict(ratio: number, target: number): string {
  return ratio <= target ? `target <= ${target.toFixed(1)} met` : `target <= ${target.toFixed(1)} not met`;
}

function describeFile(file: BenchFile): string {
  return `${path.basename(file.path)} (${(statSync(file.path).size / 1e6).toFixed(1)} MB, ${file.format})`;
}

/** Runs the engines alternately (DuckDB, Mailsweep, DuckDB, ...) `runs` times each on one file. */
async function runAlternately(file: BenchFile, runs: number): Promise<Record<Engine, EngineRun[]>> {
  const results: Record<Engine, EngineRun[]> = { duckdb: [], mailsweep: [] };
  for (let round = 1; round <= runs; round++) {
    for (const engine of ['duckdb', 'mailsweep'] as const) {
      const run = await runEngine(engine, file);
      results[engine].push(run);
      console.log(
        `  round ${round} ${engine.padEnd(9)} ${run.workSeconds.toFixed(2)} s work, ${run.processSeconds.toFixed(2)} s process, ` +
          `peak RSS ${formatMebibytes(run.peakRssBytes)}, ${run.rows.length} findings`,
      );
    }
  }
  return results;
}

function reportEngine(engine: Engine, runs: readonly EngineRun[]): void {
  const work = spreadOf(runs.map((run) => run.workSeconds));
  const processTime = spreadOf(runs.map((run) => run.processSeconds));
  const rss = spreadOf(runs.map((run) => run.peakRssBytes));
  console.log(
    `  ${engine.padEnd(9)} work ${formatSeconds(work)}, process ${formatSeconds(processTime)}, ` +
      `peak RSS ${formatMebibytes(rss.median)} (${formatMebibytes(rss.min)}-${formatMebibytes(rss.max)})`,
  );
}

/** Checks that every run of both engines gave the first DuckDB run's findings. Returns true when they all agree. */
function checkFindings(results: Record<Engine, EngineRun[]>): boolean {
  const reference = results.duckdb[0]?.rows ?? [];
  for (const run of [...results.duckdb, ...results.mailsweep]) {
    const difference = describeFirstDifference(reference, run.rows);
    if (difference !== undefined) {
      console.log(`  findings DIFFER (DuckDB first run versus ${run.engine}): ${difference}`);
      return false;
    }
  }
  console.log(`  findings identical in every run: ${reference.length} rows`);
  return true;
}

async function benchFile(file: BenchFile, options: BenchOptions): Promise<boolean> {
  console.log(`\n${describeFile(file)}`);
  const results = await runAlternately(file, options.runs);

  console.log('  summary (median, min-max):');
  reportEngine('duckdb', results.duckdb);
  reportEngine('mailsweep', results.mailsweep);
  const nodeMedian = spreadOf(results.mailsweep.map((run) => run.workSeconds)).median;
  const duckdbMedian = spreadOf(results.duckdb.map((run) => run.workSeconds)).median;
  const ratio = nodeMedian / duckdbMedian;
  console.log(`  Mailsweep / DuckDB (median work time): ${ratio.toFixed(2)} (${verdict(ratio, MAX_CORE_TO_DUCKDB)})`);
  const identical = checkFindings(results);

  if (options.browser) {
    const browserRuns = await runBrowser(file.path, options.runs);
    const seconds = spreadOf(browserRuns.map((run) => run.seconds));
    const heap = spreadOf(browserRuns.map((run) => run.peakWorkerHeapBytes));
    const rendererRss = spreadOf(browserRuns.map((run) => run.peakRendererRssBytes));
    const states = [...new Set(browserRuns.map((run) => run.state))].join(', ');
    console.log(
      `  browser   drop-to-table ${formatSeconds(seconds)}, state ${states}, peak worker JS heap ${formatMebibytes(heap.median)} ` +
        `(${formatMebibytes(heap.min)}-${formatMebibytes(heap.max)}), peak renderer RSS ${formatMebibytes(rendererRss.median)}`,
    );
    const browserRatio = seconds.median / nodeMedian;
    console.log(`  browser / Node (median): ${browserRatio.toFixed(2)} (${verdict(browserRatio, MAX_BROWSER_TO_NODE)})`);
  }
  return identical;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.memory) {
    ensureBuiltApp(options.rebuild);
    reportLoad('at start');
    const completed = await runMemoryChecks();
    reportLoad('at end');
    if (!completed) process.exitCode = 1;
    return;
  }
  const dataSet = options.quick ? QUICK_DATA_SET : FULL_DATA_SET;

  const generated = await ensureBenchData(dataSet);
  if (generated !== undefined) {
    console.log(
      `generated ${generated.recordCount} records (${generated.mailItemsAccessedCount} MailItemsAccessed) over ${generated.dayCount} days, ` +
        `${generated.expectedFindingCount} planted findings`,
    );
  }
  if (options.browser) {
    ensureBuiltApp(options.rebuild);
  }

  reportLoad('at start');
  console.log(`runs per engine and file: ${options.runs}, alternating DuckDB and Mailsweep, each run in a new Node process`);
  let allIdentical = true;
  for (const file of dataSet.files) {
    allIdentical = (await benchFile(file, options)) && allIdentical;
  }
  reportLoad('at end');
  if (!allIdentical) {
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
