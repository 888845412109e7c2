// Finds the page's analysis worker among its workers (the page also starts workers that hash files),
// and reads its memory through the DevTools protocol after a full garbage collection, so that a
// test can tell whether the worker still keeps an analysis in memory.
import type { Browser, CDPSession, Page, Worker } from '@playwright/test';

/** The name that worker-client.ts gives the analysis worker; the DevTools protocol shows it as the target's title. */
const ANALYSIS_WORKER_NAME = 'mailsweep-analysis';

async function isAnalysisWorker(worker: Worker): Promise<boolean> {
  const name = await worker.evaluate(() => self.name).catch(() => '');
  return name === ANALYSIS_WORKER_NAME;
}

/**
 * Returns the page's analysis worker, waiting for the page to start one when none runs. The page
 * starts it as soon as it is idle, so it often runs before a test drops a file.
 */
export async function waitForAnalysisWorker(page: Page): Promise<Worker> {
  const started = page.waitForEvent('worker', { predicate: isAnalysisWorker });
  const [running] = await findAnalysisWorkers(page);
  if (running === undefined) {
    return started;
  }

  // The wait for a new worker is no longer needed, and its timeout must not fail the test.
  started.catch(() => undefined);
  return running;
}

/** Returns the analysis workers that are running in the page. */
export async function findAnalysisWorkers(page: Page): Promise<Worker[]> {
  const workers = page.workers();
  const found = await Promise.all(workers.map(isAnalysisWorker));
  return workers.filter((_, index) => found[index]);
}

interface ProtocolReply {
  id?: number;
  result?: { usedSize?: number; backingStorageSize?: number };
}

/** Memory of the analysis worker, in bytes. */
export interface WorkerMemory {
  /** Objects on the JS heap: records being read, strings, the de-duplication set. */
  heapBytes: number;
  /** ArrayBuffer contents, which live outside the JS heap: file slices and the typed-array index. */
  bufferBytes: number;
}

/**
 * Sends one protocol command to a worker target through a browser session and waits for the reply,
 * because Playwright opens protocol sessions on pages only.
 */
function sendToTarget(session: CDPSession, sessionId: string, id: number, method: string): Promise<ProtocolReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`The worker did not answer ${method} within 10 s.`));
    }, 10_000);
    const onMessage = (event: { sessionId: string; message: string }): void => {
      const reply = JSON.parse(event.message) as ProtocolReply;
      if (event.sessionId === sessionId && reply.id === id) {
        clearTimeout(timer);
        session.off('Target.receivedMessageFromTarget', onMessage);
        resolve(reply);
      }
    };
    session.on('Target.receivedMessageFromTarget', onMessage);
    session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(reject);
  });
}

/** Collects garbage in the page's analysis worker and returns the memory it still uses. */
export async function measureWorkerMemory(browser: Browser, page: Page): Promise<WorkerMemory> {
  const pageSession = await page.context().newCDPSession(page);
  const browserSession = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await pageSession.send('Target.getTargets');
    const workers = targetInfos.filter((target) => target.type === 'worker' && target.title === ANALYSIS_WORKER_NAME);
    const [worker] = workers;
    if (worker === undefined || workers.length > 1) {
      throw new Error(`Expected one analysis worker, found ${workers.length}.`);
    }

    const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    await sendToTarget(browserSession, sessionId, 1, 'HeapProfiler.collectGarbage');
    const usage = await sendToTarget(browserSession, sessionId, 2, 'Runtime.getHeapUsage');
    const { usedSize, backingStorageSize } = usage.result ?? {};
    if (usedSize === undefined || backingStorageSize === undefined) {
      throw new Error(`Runtime.getHeapUsage returned no usedSize or backingStorageSize: ${JSON.stringify(usage)}`);
    }
    return { heapBytes: usedSize, bufferBytes: backingStorageSize };
  } finally {
    await browserSession.detach().catch(() => undefined);
    await pageSession.detach().catch(() => undefined);
  }
}
