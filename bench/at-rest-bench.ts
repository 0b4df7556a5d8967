/**
 * `npm run bench`, the console at rest (issue #18): a receptionist keeps it open all day, and most of the day nothing
 * happens. The CPU the extension's browser takes — every process of it: the browser, the extension's renderer, the
 * audio service, the GPU process — while nothing happens, before the day's first call (the baseline, measured in the
 * same run) and again after calls have rung, been answered, held and hung up. Whatever a call opened and did not
 * close (an audio output, the microphone, a timer) shows as the difference. Prints figures; asserts nothing (these
 * machines are noisy).
 */
import { readdir, readFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_BASE_ARGS, CHROMIUM_MEDIA_ARGS, CHROMIUM_PATH } from '../test/support/chromium.ts';
import { KAMAILIO_DOMAIN } from '../test/support/kamailio.ts';
import { launchExtension, PhoneLab } from '../test/support/phone-lab.ts';

/** How long each state is watched. */
const WATCH_MS = Number(process.env['BENCH_AT_REST_MS'] ?? 10_000);
/** The kernel's clock ticks a second (`getconf CLK_TCK`: 100 on Linux). */
const TICKS_PER_SECOND = 100;

async function main(): Promise<void> {
  console.log('\nthe console at rest (open, logged in, nothing happening)');
  const lab = await PhoneLab.start();
  const farEnds = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_BASE_ARGS, ...CHROMIUM_MEDIA_ARGS],
  });
  const session = await launchExtension();
  try {
    const browserPid = session.browser.process()?.pid;
    if (browserPid === undefined) throw new Error('the extension browser has no process of its own');
    const panel = await lab.openLoggedInConsole(session);
    await settle();
    const before = await cpuOfTree(browserPid, WATCH_MS);

    // A short day: a caller answered, held, taken back and hung up on; another who rings and gives up.
    const alice = await lab.openPeer({ browser: farEnds }, 'bench-rest-alice');
    await alice.evaluate((target) => void window.peer.call(target), `sip:reception@${KAMAILIO_DOMAIN}`);
    await panel.waitForSelector('[aria-label="bench-rest-alice"] [data-action="answer"]');
    await panel.click('[aria-label="bench-rest-alice"] [data-action="answer"]');
    await panel.waitForSelector('[aria-label="bench-rest-alice"][data-call-status="Active"]');
    await panel.click('[aria-label="bench-rest-alice"] [data-action="hold"]');
    await panel.waitForSelector('[aria-label="bench-rest-alice"][data-call-status="Held"]');
    await panel.click('[aria-label="bench-rest-alice"] [data-action="resume"]');
    await panel.waitForSelector('[aria-label="bench-rest-alice"][data-call-status="Active"]');
    await panel.click('[aria-label="bench-rest-alice"] [data-action="hang-up"]');
    await panel.waitForSelector('[aria-label="bench-rest-alice"]', { hidden: true });
    const bob = await lab.openPeer({ browser: farEnds }, 'bench-rest-bob');
    await bob.evaluate((target) => void window.peer.call(target), `sip:reception@${KAMAILIO_DOMAIN}`);
    await panel.waitForSelector('[aria-label="bench-rest-bob"][data-call-status="Alerting"]');
    await bob.evaluate(() => window.peer.hangUp());
    await panel.waitForSelector('[aria-label="bench-rest-bob"]', { hidden: true });
    await settle();
    const after = await cpuOfTree(browserPid, WATCH_MS);

    const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
    console.log(
      `  the extension's browser, all its processes: before the first call ${percent(before.total)} of a core · after two calls ${percent(after.total)} (ratio ${(after.total / before.total).toFixed(2)}×)`,
    );
    const kinds = [...new Set([...before.byKind.keys(), ...after.byKind.keys()])].sort(
      (a, b) => (after.byKind.get(b) ?? 0) - (after.byKind.get(a) ?? 0),
    );
    console.log(
      `    by process, before → after: ${kinds
        .map((kind) => `${kind} ${percent(before.byKind.get(kind) ?? 0)} → ${percent(after.byKind.get(kind) ?? 0)}`)
        .join(' · ')}`,
    );
  } finally {
    await session.close();
    await farEnds.close();
    await lab.stop();
  }
}

/**
 * What is over once a moment has passed: the login's and the page's last work, sip.js's transactions ending, and
 * after calls their aftermath (history written, messages cleared, the calls' objects collected: 5 s after the last
 * call the renderer still spent ~50 ms of garbage collection and redraws in 10 s, none of it 25 s after).
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20_000));
}

/**
 * The CPU the process `root` and all its descendants took during `ms` (user and system time, from /proc), in cores:
 * 0.05 is 5% of one core. A process started or ended meanwhile counts for the part seen.
 */
async function cpuOfTree(root: number, ms: number): Promise<{ total: number; byKind: Map<string, number> }> {
  const first = await processTree(root);
  await new Promise((resolve) => setTimeout(resolve, ms));
  const second = await processTree(root);
  const byKind = new Map<string, number>();
  let total = 0;
  for (const [pid, { ticks, kind }] of second) {
    const share = (ticks - (first.get(pid)?.ticks ?? ticks)) / TICKS_PER_SECOND / (ms / 1000);
    byKind.set(kind, (byKind.get(kind) ?? 0) + share);
    total += share;
  }
  return { total, byKind };
}

/** Every process under `root` (itself included): its CPU ticks so far and what kind of Chromium process it is. */
async function processTree(root: number): Promise<Map<number, { ticks: number; kind: string }>> {
  const all = new Map<number, { parent: number; ticks: number; kind: string }>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // After the command's name in parentheses (which may hold spaces): state, parent, … utime (14th), stime (15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Chromium's child processes rewrite their command line as one text (setproctitle): split at spaces too.
      const commandLine = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).split(/[\0 ]/);
      all.set(Number(entry), {
        parent: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        kind: kindOf(commandLine),
      });
    } catch {
      // The process ended while it was read: it is not counted.
    }
  }
  const tree = new Map<number, { ticks: number; kind: string }>();
  const visit = (pid: number) => {
    const found = all.get(pid);
    if (found === undefined || tree.has(pid)) return;
    tree.set(pid, { ticks: found.ticks, kind: found.kind });
    for (const [child, { parent }] of all) if (parent === pid) visit(child);
  };
  visit(root);
  return tree;
}

/** "browser", "renderer (extension)", "audio service"…: a Chromium process by its command line. */
function kindOf(commandLine: readonly string[]): string {
  const value = (flag: string) => commandLine.find((part) => part.startsWith(`${flag}=`))?.slice(flag.length + 1);
  const type = value('--type');
  if (type === undefined) return 'browser';
  if (type === 'renderer') return commandLine.includes('--extension-process') ? 'renderer (extension)' : 'renderer';
  const service = value('--utility-sub-type');
  if (type === 'utility' && service !== undefined) return `${service.split('.')[0] ?? service} service`;
  return type;
}

await main();
