/**
 * `npm run bench`: what our architecture costs the receptionist, measured against Kamailio on loopback in one run.
 * Registration delay (REGISTER to 200 with the challenge) and post-dial delay (click to 180, click to audio flowing)
 * through the extension, beside a bare sip.js page making the same call in the same browser; the ratio is the cost of
 * the service worker and offscreen hops. Then the heap of the service worker and the offscreen document with one
 * registered line. Prints figures; asserts nothing (these machines are noisy).
 */
import type { Page } from 'puppeteer-core';
import { logIn, replaceText, waitForText } from '../test/support/console-page.ts';
import { launchExtension, PhoneLab } from '../test/support/phone-lab.ts';
import { KAMAILIO_DOMAIN } from '../test/support/kamailio.ts';
import { heapUsed } from './heap-used.ts';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 10);

interface Figures {
  registerMs: number[];
  ringMs: number[];
  audioMs: number[];
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

async function main(): Promise<void> {
  const lab = await PhoneLab.start();
  const session = await launchExtension();
  try {
    // The far end answers every call at once, so "audio flowing" is only our side's doing.
    const callee = await lab.openPeer(session, 'bench-callee');
    await callee.evaluate(() => {
      setInterval(() => void window.peer.answer().catch(() => undefined), 5);
    });

    const bare = await measureBarePage(lab, session.browser.newPage.bind(session.browser));
    const ours = await measureExtension(lab, session);
    print('registration (REGISTER → 200, with challenge)', ours.registerMs, bare.registerMs);
    print('post-dial delay: click → 180 Ringing', ours.ringMs, bare.ringMs);
    print('post-dial delay: click → audio flowing', ours.audioMs, bare.audioMs);

    const worker = await session.browser.waitForTarget((target) => target.url() === session.url('background.js'));
    const engine = await session.browser.waitForTarget((target) => target.url() === session.url('offscreen.html'));
    console.log('\nmemory with one registered line (JS heap used)');
    console.log(`  service worker      ${(await heapUsed(worker)).toFixed(1)} MB`);
    console.log(`  offscreen document  ${(await heapUsed(engine)).toFixed(1)} MB`);
  } finally {
    await session.close();
    await lab.stop();
  }
}

function print(what: string, ours: readonly number[], bare: readonly number[]): void {
  const ratio = median(ours) / median(bare);
  console.log(
    `${what}\n  extension ${median(ours).toFixed(1)} ms · bare sip.js ${median(bare).toFixed(1)} ms · ratio ${ratio.toFixed(2)}× (median of ${ROUNDS}; target < 1.2×)`,
  );
}

async function measureBarePage(lab: PhoneLab, newPage: () => Promise<Page>): Promise<Figures> {
  const figures: Figures = { registerMs: [], ringMs: [], audioMs: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const page = await newPage();
    await page.goto(lab.peers.url);
    const started = performance.now();
    await page.evaluate(
      (ws, aor, secret) => window.peer.register(ws, aor, secret),
      lab.kamailio.webSocketUrl,
      `bench-bare-${round}@${KAMAILIO_DOMAIN}`,
      lab.account('x').password,
    );
    figures.registerMs.push(performance.now() - started);
    const timings = await page.evaluate(async (target) => {
      const start = performance.now();
      await window.peer.call(target);
      const established = performance.now();
      while ((await window.peer.audio()).received === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      return { ring: established - start, audio: performance.now() - start };
    }, `sip:bench-callee@${KAMAILIO_DOMAIN}`);
    // sip.js resolves the bare page's invite() once the INVITE is sent; the callee rings and answers at once, so this
    // is a little earlier than the 180 the extension's figure waits for (it flatters the bare page).
    figures.ringMs.push(timings.ring);
    figures.audioMs.push(timings.audio);
    await page.evaluate(() => window.peer.hangUp());
    await page.evaluate(() => window.peer.unregister());
    await page.close();
  }
  return figures;
}

async function measureExtension(lab: PhoneLab, session: Awaited<ReturnType<typeof launchExtension>>): Promise<Figures> {
  const figures: Figures = { registerMs: [], ringMs: [], audioMs: [] };
  const panel = await session.openPage('sidepanel.html');
  await panel.waitForSelector('[data-testid="login"]');
  for (let round = 0; round < ROUNDS; round++) {
    if (round > 0) {
      await panel.click('[data-testid="logout"]');
      await panel.waitForSelector('[data-testid="login"]');
      await replaceText(panel, '#account-password', lab.account('x').password);
    } else {
      await logIn(panel, lab.account(`bench-ext`));
      await waitForText(panel, '[data-testid="registration-status"]', /Registered/);
      await panel.click('[data-testid="logout"]');
      await panel.waitForSelector('[data-testid="login"]');
      await replaceText(panel, '#account-password', lab.account('x').password);
    }
    // Timed inside the page with a tight loop: puppeteer's own waits poll too coarsely for this.
    figures.registerMs.push(
      await panel.evaluate(async () => {
        const start = performance.now();
        document.querySelector<HTMLButtonElement>('[data-testid="login-submit"]')?.click();
        while (!/Registered/.test(document.querySelector('[data-testid="registration-status"]')?.textContent ?? '')) {
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        return performance.now() - start;
      }),
    );

    const timings = await panel.evaluate(async (target) => {
      const input = document.querySelector<HTMLInputElement>('#dial-target');
      const form = document.querySelector<HTMLFormElement>('[data-testid="dial-box"]');
      if (input === null || form === null) throw new Error('no dial box');
      input.value = target;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 0));
      const start = performance.now();
      form.requestSubmit();
      let ring = 0;
      for (;;) {
        const call = document.querySelector('[data-testid="call"]');
        const status = call?.getAttribute('data-call-status');
        if (ring === 0 && (status === 'Ringing' || status === 'Active')) ring = performance.now() - start;
        if (status === 'Active') {
          const reply = await chrome.runtime.sendMessage<object, { ok: boolean; value?: { bytesReceived: number } }>({
            sb: 1,
            to: 'background',
            type: 'call/stats',
            payload: { callId: call?.getAttribute('data-call-id') },
          });
          if (reply.ok && (reply.value?.bytesReceived ?? 0) > 0) return { ring, audio: performance.now() - start };
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }, 'bench-callee');
    figures.ringMs.push(timings.ring);
    figures.audioMs.push(timings.audio);
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true });
  }
  return figures;
}

await main();
