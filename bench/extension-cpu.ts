import type { CDPSession, Page } from 'puppeteer-core';
import type { ExtensionSession } from '../test/support/extension-browser.ts';

/**
 * The CPU work of the extension while something happens, from V8's sampling profiler: `pages` (the offscreen document
 * and the side panel, which share one renderer) and `worker` (the service worker), in ms of non-idle samples.
 * BENCH_PROFILE=1 prints where the time went; BENCH_SAMPLING_US sets the sampling interval (100 µs).
 */
export async function workCounters(session: ExtensionSession) {
  const target = (url: string) => session.browser.waitForTarget((candidate) => candidate.url() === session.url(url));
  // The offscreen document and the side panel run in one renderer process, on one thread and one V8 isolate (pages
  // of one extension share it): one profile covers both; the service worker has its own.
  const sessions: Record<string, CDPSession> = {
    pages: await (await target('offscreen.html')).createCDPSession(),
    worker: await (await target('background.js')).createCDPSession(),
  };
  return profiledWork(sessions);
}

/** The same for any page (a bare sip.js page the benchmark compares with), as `work` in the figures. */
export async function pageWorkCounter(page: Page) {
  return profiledWork({ work: await page.createCDPSession() });
}

/** Non-idle milliseconds of V8's samples in each of `sessions`, between `start` and `stop`. */
function profiledWork(sessions: Record<string, CDPSession>) {
  return {
    start: async () => {
      for (const cdp of Object.values(sessions)) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: Number(process.env['BENCH_SAMPLING_US'] ?? 100) });
        await cdp.send('Profiler.start');
      }
    },
    stop: async (): Promise<Record<string, number>> => {
      const figures: Record<string, number> = {};
      for (const [name, cdp] of Object.entries(sessions)) {
        const { profile } = await cdp.send('Profiler.stop');
        const idle = new Set(
          profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id),
        );
        let busyMicroseconds = 0;
        profile.samples?.forEach((sample, index) => {
          if (!idle.has(sample)) busyMicroseconds += profile.timeDeltas?.[index + 1] ?? 0;
        });
        figures[name] = busyMicroseconds / 1000;
        if (process.env['BENCH_PROFILE'] !== undefined) printTopFunctions(name, profile);
      }
      return figures;
    },
  };
}

/** The functions that took the most time themselves (BENCH_PROFILE=1), to see where the work goes. */
function printTopFunctions(
  name: string,
  profile: {
    nodes: {
      id: number;
      callFrame: { functionName: string; url: string; lineNumber: number };
      children?: number[];
    }[];
    samples?: number[];
    timeDeltas?: number[];
  },
): void {
  const self = new Map<number, number>();
  profile.samples?.forEach((sample, index) =>
    self.set(sample, (self.get(sample) ?? 0) + (profile.timeDeltas?.[index + 1] ?? 0)),
  );
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const where = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop() ?? ''}:${node.callFrame.lineNumber}`;
    byName.set(where, (byName.get(where) ?? 0) + (self.get(node.id) ?? 0));
  }
  const top = [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env['BENCH_TOP'] ?? 12));
  const byFile = new Map<string, number>();
  for (const node of profile.nodes) {
    const file = node.callFrame.url.split('/').pop() || node.callFrame.functionName;
    byFile.set(file, (byFile.get(file) ?? 0) + (self.get(node.id) ?? 0));
  }
  console.log(
    `    ${name} by file: ${[...byFile.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([file, us]) => `${file} ${(us / 1000).toFixed(1)} ms`)
      .join(' · ')}`,
  );
  console.log(`    ${name}: ${top.map(([where, us]) => `${where} ${(us / 1000).toFixed(1)} ms`).join(' · ')}`);
  if (process.env['BENCH_TREE'] !== undefined) printTree(profile, self, Number(process.env['BENCH_TREE']) || 2);
  // BENCH_INCLUSIVE=name,name: the time spent in each function with all it called (its first frame on a stack).
  const wanted = (process.env['BENCH_INCLUSIVE'] ?? '').split(',').filter(Boolean);
  if (wanted.length === 0) return;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const total = (id: number): number =>
    (self.get(id) ?? 0) + (byId.get(id)?.children ?? []).reduce((sum, child) => sum + total(child), 0);
  const inclusive = new Map<string, number>();
  const walk = (id: number, open: ReadonlySet<string>) => {
    const node = byId.get(id);
    if (node === undefined) return;
    const functionName = node.callFrame.functionName;
    let inside = open;
    if (wanted.includes(functionName) && !open.has(functionName)) {
      inclusive.set(functionName, (inclusive.get(functionName) ?? 0) + total(id));
      inside = new Set([...open, functionName]);
    }
    for (const child of node.children ?? []) walk(child, inside);
  };
  walk(profile.nodes[0]?.id ?? 0, new Set());
  console.log(
    `    ${name}, inclusive: ${wanted.map((fn) => `${fn} ${((inclusive.get(fn) ?? 0) / 1000).toFixed(1)} ms`).join(' · ')}`,
  );
}

/** BENCH_TREE=ms: the call tree top-down, each frame with its time and all it called, down to frames of `floorMs`. */
function printTree(
  profile: {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  },
  self: ReadonlyMap<number, number>,
  floorMs: number,
): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<number, number>();
  const total = (id: number): number => {
    const known = totals.get(id);
    if (known !== undefined) return known;
    const sum = (self.get(id) ?? 0) + (byId.get(id)?.children ?? []).reduce((each, child) => each + total(child), 0);
    totals.set(id, sum);
    return sum;
  };
  const print = (id: number, depth: number) => {
    const node = byId.get(id);
    if (node === undefined) return;
    const ms = total(id) / 1000;
    if (ms < floorMs || node.callFrame.functionName === '(idle)') return;
    const where = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop() ?? ''}`;
    console.log(
      `    ${'  '.repeat(depth)}${where} ${ms.toFixed(1)} ms (self ${((self.get(id) ?? 0) / 1000).toFixed(1)})`,
    );
    const children = [...(node.children ?? [])].sort((a, b) => total(b) - total(a));
    for (const child of children) print(child, depth + 1);
  };
  print(profile.nodes[0]?.id ?? 0, 0);
}
