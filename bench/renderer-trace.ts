import type { Browser, CDPSession } from 'puppeteer-core';

/** One trace event, as Chromium's tracing writes it (the fields this reading uses). */
interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink',
  'blink.user_timing',
  'toplevel',
];

/**
 * Where a renderer's main threads spend their time while something happens, from Chromium's own trace: the CPU
 * profiler names JavaScript functions only, and calls everything else — style, layout, paint, messages, compiling —
 * "(program)". BENCH_TRACE=1 prints this beside the profile. Self time per trace event name, summed over every
 * renderer main thread (the extension's pages share one renderer).
 */
export async function traceRenderers(browser: Browser) {
  const tracing: CDPSession = await browser.target().createCDPSession();
  const events: TraceEvent[] = [];
  tracing.on('Tracing.dataCollected', ({ value }) => events.push(...(value as TraceEvent[])));
  await tracing.send('Tracing.start', { categories: CATEGORIES.join(','), transferMode: 'ReportEvents' });
  return {
    stop: async (): Promise<[string, number][]> => {
      const done = new Promise<void>((resolve) => tracing.once('Tracing.tracingComplete', () => resolve()));
      await tracing.send('Tracing.end');
      await done;
      await tracing.detach();
      return selfTimes(events);
    },
  };
}

/** The busy time of the main threads: their outermost events' durations, summed. */
export const ALL_TASKS = '(all tasks)';

/** Self time (ms) by event name on the renderers' main threads, largest first. */
function selfTimes(events: readonly TraceEvent[]): [string, number][] {
  const mainThreads = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const self = new Map<string, number>();
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (!mainThreads.has(thread) || event.ph !== 'X' || event.dur === undefined) continue;
    const list = byThread.get(thread) ?? [];
    list.push(event);
    byThread.set(thread, list);
  }
  for (const threadEvents of byThread.values()) {
    threadEvents.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const open: { event: TraceEvent; end: number; children: number }[] = [];
    const close = () => {
      const done = open.pop();
      if (done === undefined) return;
      const duration = done.event.dur ?? 0;
      self.set(done.event.name, (self.get(done.event.name) ?? 0) + (duration - done.children) / 1000);
      const parent = open.at(-1);
      if (parent !== undefined) parent.children += duration;
    };
    for (const event of threadEvents) {
      while (open.length > 0 && (open.at(-1)?.end ?? 0) <= event.ts) close();
      if (open.length === 0) self.set(ALL_TASKS, (self.get(ALL_TASKS) ?? 0) + (event.dur ?? 0) / 1000);
      open.push({ event, end: event.ts + (event.dur ?? 0), children: 0 });
    }
    while (open.length > 0) close();
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]);
}
