// Child process: runs Mailsweep's core on one file through analyzeSources, the call the worker
// makes, with the file opened by fs.openAsBlob and its byte ranges read in worker threads as the
// page reads them in nested workers, and prints an EngineRunOutput as JSON.
//
// Usage: tsx scripts/bench/run-mailsweep.ts FILE

import { openAsBlob } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

import { analyzeSources } from '../../src/core/analysis/analyze-sources.ts';
import type { EngineRunOutput } from './escu-rows.ts';
import { startRangeThreads } from './thread-range-readers.ts';

const [filePath] = process.argv.slice(2);
if (filePath === undefined) {
  throw new Error('Usage: run-mailsweep.ts FILE');
}

// As many ranges as the page reads at once on this machine: one per core.
const rangeThreads = await startRangeThreads(filePath, availableParallelism());

const started = performance.now();
const source = await openAsBlob(filePath);
const { result } = await analyzeSources([{ name: path.basename(filePath), source }], undefined, { rangeReaders: rangeThreads.readers });
const workSeconds = (performance.now() - started) / 1000;
await rangeThreads.stop();

const rows = result.findings.map((finding) => ({
  binStart: finding.binStart,
  clientAppId: finding.clientAppId,
  clientInfoString: finding.clientInfoString,
  srcIps: finding.srcIps,
  uniqueMailboxes: finding.uniqueMailboxes,
  users: finding.users,
}));
const output: EngineRunOutput = { workSeconds, peakRssBytes: process.resourceUsage().maxRSS * 1024, rows };
console.log(JSON.stringify(output));
