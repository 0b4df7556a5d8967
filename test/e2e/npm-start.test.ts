import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { TargetType, type Browser } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The browser `npm start` opened, found through the DevTools port Chromium notes in its profile. */
async function startedBrowser(): Promise<Browser> {
  const profile = spawnSync('ps', ['-eo', 'args='], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => /--user-data-dir=(\S*switchboard-start-\S+)/.exec(line)?.[1])
    .find((dir) => dir !== undefined);
  if (profile === undefined) throw new Error('no browser started by npm start');
  const [port] = (await readFile(join(profile, 'DevToolsActivePort'), 'utf8')).split('\n');
  return puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
}

/** The tabs of the browser `npm start` opened. */
async function openTabs(): Promise<string[]> {
  const browser = await startedBrowser();
  try {
    const pages = browser.targets().filter((target) => target.type() === TargetType.PAGE);
    return pages.map((target) => target.url().replace(/^chrome-extension:\/\/[^/]+\//, ''));
  } finally {
    await browser.disconnect();
  }
}

/** The names the console's Company tab lists. */
async function companyDirectory(): Promise<string[]> {
  const browser = await startedBrowser();
  try {
    const page = (await browser.pages()).find((candidate) => candidate.url().endsWith('/sidepanel.html'));
    if (page === undefined) throw new Error('no console tab');
    await page.click('#contacts-tab-company');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="contact"] .contact__name').length > 0, {
      polling: 100,
      timeout: 15_000,
    });
    return await page.$$eval('[data-testid="contact"] .contact__name', (names) =>
      names.map((name) => name.textContent ?? ''),
    );
  } finally {
    await browser.disconnect();
  }
}

/** The favourites' lamps (name → state), how many park slots the console shows, and its live queues. */
async function lampsAndSlots(): Promise<{ lamps: Record<string, string>; slots: number; queues: string[] }> {
  const browser = await startedBrowser();
  try {
    const page = (await browser.pages()).find((candidate) => candidate.url().endsWith('/sidepanel.html'));
    if (page === undefined) throw new Error('no console tab');
    await page.click('#contacts-tab-favorites');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="favorites"] [data-lamp-state="idle"]') !== null,
      { polling: 100, timeout: 15_000 },
    );
    const lamps = await page.$$eval('[data-testid="favorites"] [data-testid="contact"]', (rows) =>
      Object.fromEntries(
        rows.map((row) => [
          row.getAttribute('aria-label') ?? '',
          row.querySelector('[data-testid="lamp"]')?.getAttribute('data-lamp-state') ?? '',
        ]),
      ),
    );
    const slots = await page.$$eval('[data-testid="park-slot"]', (all) => all.length);
    await page.waitForSelector('[data-testid="queues"][data-status="live"]', { timeout: 15_000 });
    const queues = await page.$$eval('[data-testid="queue"]', (all) => all.map((queue) => queue.ariaLabel ?? ''));
    return { lamps, slots, queues };
  } finally {
    await browser.disconnect();
  }
}

/** README's first command: the lab and a logged-in console from nothing, and Ctrl-C stops all of it. */
describe('npm start', () => {
  it('brings up the lab and a registered console in the only tab, with the office directory, says there is no microphone, then stops everything on Ctrl-C', async () => {
    // What `npm start` runs, without npm's own process in between (Ctrl-C reaches the whole group either way). With
    // this machine's own audio devices (none), as a newcomer's computer without a microphone.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--headless', '--real-audio'], {
      cwd: ROOT,
      env: { ...process.env, LAB_PORT: String(await freePort()) },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // 'close' comes once the process has exited and its output is all read.
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const waitFor = async (pattern: RegExp, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    try {
      await waitFor(/Lab PBX on ws:\/\//, 60_000);
      const labReady = Date.now();
      await waitFor(/The console is registered as reception@lab\.switchboard/, 20_000);
      expect(Date.now() - labReady).toBeLessThan(20_000);
      await waitFor(/No microphone found on this computer/, 10_000);
      expect(await openTabs()).toEqual(['sidepanel.html']);
      // The office's company directory, served by the lab, is in the console.
      expect(await companyDirectory()).toContain('Alice Martin');
      // The colleagues are favourites with live busy lamps (the office simulation may have one on a call), and the
      // lab's five park slots are shown.
      const { lamps, slots, queues } = await lampsAndSlots();
      expect(Object.keys(lamps)).toContain('Alice Martin');
      expect(
        Object.values(lamps).every((state) => ['idle', 'ringing', 'dialing', 'talking', 'held'].includes(state)),
      ).toBe(true);
      expect(slots).toBe(5);
      // The office's call centers are watched live in the queued-calls pane, over the lab's XSI.
      expect(queues).toEqual(['Sales', 'Support', 'Accounting']);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\nnpm start said:\n${output}`);
    } finally {
      try {
        process.kill(-(child.pid as number), 'SIGINT');
      } catch {
        // Already gone: what it said is in the error above.
      }
    }
    await exited;
    expect(output).toContain('Stopped.');
    // Nothing it started is left: no process in its group.
    // (ps exits 1 when it lists nothing.) A helper such as tsx's esbuild service ends just after its parent: give
    // the group a moment.
    const leftInGroup = () =>
      spawnSync('ps', ['-o', 'pid=,comm=', '-g', String(child.pid)], { encoding: 'utf8' }).stdout.trim();
    const deadline = Date.now() + 3000;
    while (leftInGroup() !== '' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(leftInGroup()).toBe('');
    // The browser runs in a process group of its own: look for its profile, which only `npm start` uses.
    const browsers = spawnSync('ps', ['-eo', 'args='], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((line) => line.includes('switchboard-start-'));
    expect(browsers).toEqual([]);
  }, 120_000);
});
