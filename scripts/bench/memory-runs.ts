// The memory part of the bench (`--memory`): the built page reads a 2 GB and a 5 GB Purview CSV,
// and the worker's peak JS heap is compared with the 512 MiB target. The files are generated
// once under bench-data/ (about 1 and 3 minutes) and reused.

import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';

import { writeLargePurviewCsv } from '../../test/fixtures/generator/large-export.ts';
import { BENCH_DATA_DIR, CORPUS_DIR } from './bench-files.ts';
import { runBrowser } from './browser-runs.ts';
import { formatMebibytes } from './statistics.ts';

/** The worker's JS heap must stay under this while it reads the 2 GB file. */
const MAX_WORKER_HEAP_BYTES = 512 * 1024 * 1024;

const MEMORY_FILES = [
  { name: 'large-2GB.purview.csv', bytes: 2e9, heapTarget: true },
  { name: 'large-5GB.purview.csv', bytes: 5e9, heapTarget: false },
] as const;

/**
 * Generates the large files if missing, runs the page once on each, and returns whether every run
 * completed. A missed heap target is reported but, like a missed speed target, does not count as a failure.
 */
export async function runMemoryChecks(): Promise<boolean> {
  let completedAll = true;
  for (const file of MEMORY_FILES) {
    const filePath = path.join(BENCH_DATA_DIR, file.name);
    if (!existsSync(filePath)) {
      console.log(`generating ${file.name} ...`);
      await writeLargePurviewCsv(`${filePath}.partial`, file.bytes, CORPUS_DIR);
      await rename(`${filePath}.partial`, filePath);
    }

    const [run] = await runBrowser(filePath, 1);
    if (run === undefined) throw new Error(`The browser run on ${file.name} reported nothing.`);
    const completed = run.state === 'done';
    const heapMet = !file.heapTarget || run.peakWorkerHeapBytes < MAX_WORKER_HEAP_BYTES;
    console.log(
      `  ${file.name}: state ${run.state} in ${run.seconds.toFixed(1)} s, peak worker JS heap ${formatMebibytes(run.peakWorkerHeapBytes)}` +
        (file.heapTarget ? ` (target < ${formatMebibytes(MAX_WORKER_HEAP_BYTES)} ${heapMet ? 'met' : 'not met'})` : '') +
        `, peak renderer RSS ${formatMebibytes(run.peakRendererRssBytes)}`,
    );
    completedAll = completedAll && completed;
  }
  return completedAll;
}
