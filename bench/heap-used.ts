import type { CDPSession, Target } from 'puppeteer-core';

/** The JS heap a context (page, worker) uses after a forced garbage collection, in MB. */
export async function heapUsed(target: Target): Promise<number> {
  const client: CDPSession = await target.createCDPSession();
  try {
    await client.send('HeapProfiler.collectGarbage');
    const { usedSize } = await client.send('Runtime.getHeapUsage');
    return usedSize / 1024 / 1024;
  } finally {
    await client.detach();
  }
}
