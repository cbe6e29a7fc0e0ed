import type { Page } from 'playwright-core';

/**
 * Which of `needles` occur anywhere in the page's JavaScript heap, after a full garbage collection: a V8 heap
 * snapshot over the DevTools protocol holds every live string of the renderer's isolate (React state, DOM wrappers,
 * closures), so a value found here is still reachable by script. Answers booleans only, so a secret is compared in
 * memory and never printed.
 */
export async function heapHolds(page: Page, needles: readonly string[]): Promise<boolean[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
    await cdp.send('HeapProfiler.enable');
    // Twice: the first pass can leave objects that only become garbage once finalisers have run.
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const snapshot = chunks.join('');
    return needles.map((needle) => snapshot.includes(needle));
  } finally {
    await cdp.detach();
  }
}
