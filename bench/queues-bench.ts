/**
 * `npm run bench`, queued-calls part (issue #15): the real extension watching five call centers of the lab over XSI;
 * 50 callers ring them in turn (one every 100 ms) and wait in their queues. For each caller: the time from the lab
 * queueing it (the event's `addTime`, written to the channel at once) to its row in the pane (a MutationObserver in
 * the side panel, on the same clock); and the CPU work of the extension per event (V8's sampling profiler). Prints
 * figures beside their targets; asserts nothing (these machines are noisy).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLabLogger } from '../lab/src/log.ts';
import { startLab } from '../lab/src/start-lab.ts';
import { launchExtension } from '../test/support/extension-browser.ts';
import { consoleAtReception } from '../test/support/lab-office.ts';
import { sendToBackground } from '../test/support/console-page.ts';
import { workCounters } from './extension-cpu.ts';

const QUEUES = 5;
const CALLERS = Number(process.env['BENCH_QUEUED_CALLERS'] ?? 50);
const EVERY_MS = 100;
const FIXTURE = fileURLToPath(new URL('../test/fixtures/lab-office.json', import.meta.url));

async function main(): Promise<void> {
  console.log('\nqueued calls (the real extension watching five call centers of the lab over XSI-Events)');
  const directory = await mkdtemp(join(tmpdir(), 'switchboard-queues-'));
  const office = JSON.parse(await readFile(FIXTURE, 'utf8')) as Record<string, unknown>;
  office['callCenters'] = Array.from({ length: QUEUES }, (_unused, index) => ({
    id: `queue${index + 1}`,
    name: `Queue ${index + 1}`,
    number: String(8101 + index),
    type: 'Premium',
  }));
  const officePath = join(directory, 'office.json');
  await writeFile(officePath, JSON.stringify(office));
  const lab = await startLab({ officePath, withCallers: false, isSignalingOnly: true, log: createLabLogger(true) });
  const session = await launchExtension();
  try {
    const panel = await consoleAtReception({ lab, session }, { xsiUrl: lab.xsiUrl });
    const domain = lab.office.domain;
    await sendToBackground(panel, 'queues/choose', {
      watched: Array.from({ length: QUEUES }, (_unused, index) => ({
        id: `queue${index + 1}@${domain}`,
        name: `Queue ${index + 1}`,
      })),
      listedCalls: 50,
    });
    await panel.waitForSelector('[data-testid="queues"][data-status="live"]', { timeout: 30_000 });
    // Each queued caller's row, first seen: epoch ms on the machine's clock, as the lab's `addTime`.
    await panel.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { seen: Record<string, number> }).seen = seen;
      new MutationObserver(() => {
        const now = performance.timeOrigin + performance.now();
        for (const row of document.querySelectorAll('[data-testid="queued-call"]')) {
          const id = row.getAttribute('data-call') ?? '';
          seen[id] ??= now;
        }
      }).observe(document.body, { childList: true, subtree: true });
    });

    const counters = await workCounters(session);
    await counters.start();
    for (let index = 0; index < CALLERS; index++) {
      await fetch(`${lab.controlUrl}/parties/trunk/call`, {
        method: 'POST',
        body: JSON.stringify({
          to: String(8101 + (index % QUEUES)),
          as: { name: `Caller ${index + 1}`, number: `+3314000${String(index).padStart(4, '0')}` },
        }),
      });
      await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
    }
    await panel.waitForFunction(
      (count: number) => document.querySelectorAll('[data-testid="queued-call"]').length >= count,
      { polling: 100, timeout: 60_000 },
      CALLERS,
    );
    const work = await counters.stop();

    const state = (await (await fetch(`${lab.controlUrl}/state`)).json()) as {
      callCenters: { calls: { callId: string; addTime: number }[] }[];
    };
    const seen = await panel.evaluate(() => (window as unknown as { seen: Record<string, number> }).seen);
    const latencies = state.callCenters
      .flatMap((center) => center.calls)
      .map((call) => (seen[call.callId] ?? Number.NaN) - call.addTime)
      .filter((latency) => Number.isFinite(latency))
      .sort((a, b) => a - b);
    const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? 0;
    console.log(
      `  ${CALLERS} callers across ${QUEUES} queues: queued → row in the pane  p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms (target p95 ≤ 100 ms; ${latencies.length} measured)`,
    );
    console.log(
      `  work per event (${CALLERS} events): engine and side panel ${((work['pages'] ?? 0) / CALLERS).toFixed(2)} ms, service worker ${((work['worker'] ?? 0) / CALLERS).toFixed(2)} ms`,
    );
  } finally {
    await session.close();
    await lab.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

await main();
