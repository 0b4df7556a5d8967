/**
 * `npm run bench`, the moments a receptionist waits on (issue #18), through the real extension against Kamailio on
 * loopback, each beside a bare sip.js page doing the same in the same run: a call coming in (INVITE received → call
 * card painted, ring playing), answering it (click → 200 OK sent → the caller receives audio), dialling (click →
 * INVITE sent → 180 received), a blind transfer (click → the caller talking to the colleague) and an attended one
 * (the consultation's answer, then the join; no bare page to compare). Every step is stamped on one clock: the
 * browser's own timestamps of the WebSocket frames (`wire-clock.ts`) and the pages' clocks, so the breakdown says
 * where the milliseconds go (UI and messaging hops, engine, getUserMedia, SDP, ICE gathering, network). The far ends
 * live in a second browser (their tabs are never throttled as background tabs, and the console's tab stays in front).
 * Median and p95 of `BENCH_MOMENT_ROUNDS` (default 20) each. Prints figures; asserts nothing (these machines are
 * noisy).
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_BASE_ARGS, CHROMIUM_MEDIA_ARGS, CHROMIUM_PATH } from '../test/support/chromium.ts';
import { KAMAILIO_DOMAIN, KAMAILIO_PASSWORD } from '../test/support/kamailio.ts';
import { launchExtension, PhoneLab, type ExtensionSession } from '../test/support/phone-lab.ts';
import { logIn, sendToBackground, waitForText } from '../test/support/console-page.ts';
import { percentile } from '../test/support/reliability-figures.ts';
import { WireClock } from './wire-clock.ts';
import {
  audioReceivedWhen,
  clickNow,
  paintedWhen,
  probeEnginePage,
  stepsSince,
  talkingToWhen,
  type ProbeStep,
  KEEP_NAMES_HELPER,
} from './moment-probes.ts';

const ROUNDS = Number(process.env['BENCH_MOMENT_ROUNDS'] ?? 20);
const TIMEOUT_MS = 15_000;
/** `BENCH_MOMENT_RUNS=1` prints every run's value too, for a look at the spread. */
const SHOWS_RUNS = process.env['BENCH_MOMENT_RUNS'] !== undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * How long after the ring starts the receptionist clicks Answer (both pages): a person's reaction to a ringing call
 * takes longer (a simple visual reaction alone is ~250 ms). The console makes the answer in that time.
 */
const REACTION_MS = 400;

/** Named durations of each run of one moment; printed as median and p95 per name. */
class Figures {
  readonly #runs = new Map<string, number[]>();

  add(name: string, ms: number): void {
    this.#runs.set(name, [...(this.#runs.get(name) ?? []), ms]);
  }

  median(name: string): number {
    return percentile(this.#runs.get(name) ?? [], 50);
  }

  print(title: string, bare: Figures | null, targets: Record<string, string> = {}): void {
    console.log(`\n${title}`);
    for (const [name, values] of this.#runs) {
      const bareMedian = bare?.median(name);
      const beside =
        bareMedian === undefined || Number.isNaN(bareMedian)
          ? ''
          : ` · bare sip.js ${bareMedian.toFixed(1)} · ratio ${(percentile(values, 50) / bareMedian).toFixed(2)}×`;
      const target = targets[name] === undefined ? '' : ` (target ${targets[name]})`;
      if (SHOWS_RUNS) console.log(`    every run: ${values.map((value) => value.toFixed(0)).join(' ')}`);
      console.log(
        `  ${name.padEnd(44)} median ${percentile(values, 50).toFixed(1).padStart(6)} ms · p95 ${percentile(values, 95).toFixed(1).padStart(6)} ms${beside}${target}`,
      );
    }
  }
}

/** The far ends' browser: media flags, and no throttling of tabs out of sight. */
function launchFarEnds(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_BASE_ARGS,
      ...CHROMIUM_MEDIA_ARGS,
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  });
}

const aor = (user: string) => `sip:${user}@${KAMAILIO_DOMAIN}`;

/** Registers a bare page again, so its wire clock (attached now) sees the WebSocket open. */
async function reRegister(lab: PhoneLab, page: Page, user: string): Promise<WireClock> {
  const wire = await WireClock.attach(page.target());
  await page.evaluate(() => window.peer.unregister());
  await page.evaluate(
    (server, address, password) => window.peer.register(server, address, password),
    lab.kamailio.webSocketUrl,
    `${user}@${KAMAILIO_DOMAIN}`,
    KAMAILIO_PASSWORD,
  );
  return wire;
}

/** Answers every call to this far end at once (the colleague a call is transferred or dialled to). */
async function answerEverything(page: Page): Promise<void> {
  await page.evaluate(() => {
    setInterval(() => void window.peer.answer().catch(() => undefined), 2);
  });
}

async function hangUpFarEnd(page: Page): Promise<void> {
  await page.evaluate(() => (window.peer.sessionState() === 'Terminated' ? undefined : window.peer.hangUp()));
  await page.waitForFunction(() => ['Terminated', 'none'].includes(window.peer.sessionState()), { polling: 10 });
}

async function freshCaller(lab: PhoneLab, farEnds: Browser, user: string): Promise<Page> {
  const page = await lab.openPeer({ browser: farEnds }, user);
  await page.evaluate(KEEP_NAMES_HELPER);
  return page;
}

async function main(): Promise<void> {
  const lab = await PhoneLab.start();
  const session = await launchExtension();
  const farEnds = await launchFarEnds();
  try {
    const caller = await lab.openPeer({ browser: farEnds }, 'bench-caller');
    const colleague = await lab.openPeer({ browser: farEnds }, 'bench-colleague');
    const bare = await lab.openPeer({ browser: farEnds }, 'bench-bare');
    await answerEverything(colleague);
    await Promise.all([caller, colleague, bare].map((page) => page.evaluate(KEEP_NAMES_HELPER)));

    const { panel, engine, engineWire } = await consoleWithClocks(lab, session);
    const bareWire = await reRegister(lab, bare, 'bench-bare');

    const incoming = { ours: new Figures(), bare: new Figures() };
    const dial = { ours: new Figures(), bare: new Figures() };
    const transfer = { ours: new Figures(), bare: new Figures() };
    const attended = new Figures();
    // The first call after login runs code not yet compiled and makes the ringer's audio: reported on its own.
    const firstCall = new Figures();
    await panel.bringToFront();
    await incomingAndAnswer(firstCall, { panel, engine, engineWire, caller });
    for (let round = 0; round < ROUNDS; round++) {
      await panel.bringToFront();
      await incomingAndAnswer(incoming.ours, { panel, engine, engineWire, caller });
      await bare.bringToFront();
      await bareIncomingAndAnswer(incoming.bare, { bare, bareWire, caller });
      await panel.bringToFront();
      await dialFromConsole(dial.ours, { panel, engine, engineWire });
      await bareDial(dial.bare, { bare, bareWire });
      // Each transfer has a caller of its own, closed after it: a far end that followed a REFER is left with calls
      // that are not worth hanging up one by one.
      const transferred = await freshCaller(lab, farEnds, `bench-transferred-${round}`);
      await blindTransferFromConsole(transfer.ours, {
        panel,
        engineWire,
        caller: transferred,
        callerUser: `bench-transferred-${round}`,
        colleague,
      });
      await transferred.close();
      const bareTransferred = await freshCaller(lab, farEnds, `bench-bare-transferred-${round}`);
      await bareBlindTransfer(transfer.bare, {
        bare,
        bareWire,
        caller: bareTransferred,
        callerUser: `bench-bare-transferred-${round}`,
        colleague,
      });
      await bareTransferred.close();
      const consulted = await freshCaller(lab, farEnds, `bench-consulted-${round}`);
      await panel.bringToFront();
      await attendedTransferFromConsole(attended, {
        panel,
        engineWire,
        caller: consulted,
        callerUser: `bench-consulted-${round}`,
        colleague,
      });
      await consulted.close();
    }
    console.log(`\nthe moments a receptionist waits on (median and p95 of ${ROUNDS}; bare sip.js in the same run)`);
    incoming.ours.print('incoming call', incoming.bare, {
      'INVITE received → call card painted': '≤ 50 ms',
      'INVITE received → ring playing': '≤ 50 ms',
      'click Answer → 200 OK sent': '≤ 30 ms',
    });
    console.log(
      `  the first call after login: card painted ${firstCall.median('INVITE received → call card painted').toFixed(1)} ms,` +
        ` ring playing ${firstCall.median('INVITE received → ring playing').toFixed(1)} ms,` +
        ` 200 OK sent ${firstCall.median('click Answer → 200 OK sent').toFixed(1)} ms after the click (not in the figures above)`,
    );
    console.log(`  (Answer is clicked ${REACTION_MS} ms after the card is drawn on both pages: a person's reaction)`);
    dial.ours.print('dialling', dial.bare, { 'click → INVITE sent': '≤ 50 ms, ≤ 0.6× bare' });
    transfer.ours.print('blind transfer', transfer.bare);
    console.log(
      '  (the console\'s "blind" transfer is supervised when transfer recall is on: it calls the colleague, then' +
        " replaces the caller's call, so the caller never hears a dead end; the bare page sends a plain REFER)",
    );
    attended.print('attended transfer (the bare page has none to compare)', null);
  } finally {
    await farEnds.close();
    await session.close();
    await lab.stop();
  }
}

interface Console {
  readonly panel: Page;
  readonly engine: Page;
  readonly engineWire: WireClock;
}

/** The console logged in, with the engine's page probed and its WebSocket on the wire clock (logged in again). */
async function consoleWithClocks(lab: PhoneLab, session: ExtensionSession): Promise<Console> {
  const panel = await lab.openLoggedInConsole(session);
  const engineTarget = await session.engineHost();
  const engine = await engineTarget.asPage();
  await Promise.all([engine, panel].map((page) => page.evaluate(KEEP_NAMES_HELPER)));
  await engine.evaluate(probeEnginePage);
  const engineWire = await WireClock.attach(engineTarget);
  await sendToBackground(panel, 'account/logout', { workspace: 'discard' });
  await panel.waitForSelector('[data-testid="login"]');
  await logIn(panel, lab.account('reception'));
  await waitForText(panel, '[data-testid="registration-status"]', /Registered/);
  return { panel, engine, engineWire };
}

async function engineSteps(engine: Page, since: number): Promise<ProbeStep[]> {
  return engine.evaluate(stepsSince, since);
}

const stepEnd = (steps: readonly ProbeStep[], name: string) => steps.find((step) => step.name === name)?.endedAt;
const stepStart = (steps: readonly ProbeStep[], name: string) => steps.find((step) => step.name === name)?.startedAt;

/** Adds `to - from` when both are known (a step the path did not take is left out of the breakdown). */
function addSpan(figures: Figures, name: string, from: number | undefined, to: number | undefined): void {
  if (from !== undefined && to !== undefined) figures.add(name, to - from);
}

async function incomingAndAnswer(
  figures: Figures,
  { panel, engine, engineWire, caller }: Console & { caller: Page },
): Promise<void> {
  const since = Date.now();
  const painted = panel.evaluate(paintedWhen, '[data-testid="call"] [data-action="answer"]', TIMEOUT_MS);
  await caller.evaluate((target) => void window.peer.call(target), aor('reception'));
  const paintedAt = await painted;
  const inviteAt = await engineWire.first('received', /^INVITE /, since);
  figures.add('INVITE received → call card painted', paintedAt - inviteAt);
  const ringAt = await waitForStep(engine, since, 'ring playing');
  figures.add('INVITE received → ring playing', ringAt - inviteAt);
  const stateSentAt = (await engineSteps(engine, inviteAt)).find((step) => step.name === 'state sent')?.startedAt;
  addSpan(figures, '  INVITE received → state sent (engine)', inviteAt, stateSentAt);
  addSpan(figures, '  state sent → card painted (worker, side panel)', stateSentAt, paintedAt);

  await sleep(REACTION_MS - (Date.now() - paintedAt));
  const heard = caller.evaluate(audioReceivedWhen, TIMEOUT_MS);
  // The answer is made while the call rings (`answer-in-advance.ts`), once the card is drawn and the ring plays.
  const ringingSteps = await engineSteps(engine, inviteAt);
  addSpan(
    figures,
    '  while ringing: INVITE received → answer made (offer and answer set)',
    inviteAt,
    stepEnd(ringingSteps, 'setLocalDescription'),
  );
  const clickedAt = await panel.evaluate(clickNow, '[data-testid="call"] [data-action="answer"]');
  const okAt = await engineWire.first('sent', /^SIP\/2\.0 200 /, clickedAt, 'INVITE');
  const heardAt = await heard;
  figures.add('click Answer → 200 OK sent', okAt - clickedAt);
  figures.add('click Answer → caller receives audio', heardAt - clickedAt);
  // Steps up to the 200 OK only: the spare offer for the next call placed may be made in the engine meanwhile.
  const steps = (await engineSteps(engine, clickedAt)).filter((step) => step.startedAt <= okAt);
  addSpan(figures, '  click → command at the engine (UI, 2 hops)', clickedAt, stepStart(steps, 'engine/call-action'));
  // The microphone was opened while the call rang (it shows here only when that did not happen).
  addSpan(figures, '  getUserMedia (in the answer)', stepStart(steps, 'getUserMedia'), stepEnd(steps, 'getUserMedia'));
  addSpan(
    figures,
    '  command → answer SDP set (engine, sip.js, WebRTC)',
    stepStart(steps, 'engine/call-action'),
    stepEnd(steps, 'setLocalDescription'),
  );
  addSpan(figures, '  answer SDP set → 200 OK sent (ICE, sip.js)', stepEnd(steps, 'setLocalDescription'), okAt);
  addSpan(
    figures,
    '  command → 200 OK sent (engine, sip.js; the answer made while ringing)',
    stepStart(steps, 'engine/call-action'),
    stepEnd(steps, 'setLocalDescription') === undefined ? okAt : undefined,
  );
  figures.add('  200 OK sent → caller receives audio', heardAt - okAt);

  await hangUpFarEnd(caller);
  await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: TIMEOUT_MS });
}

async function bareIncomingAndAnswer(
  figures: Figures,
  { bare, bareWire, caller }: { bare: Page; bareWire: WireClock; caller: Page },
): Promise<void> {
  const since = Date.now();
  await caller.evaluate((target) => void window.peer.call(target), aor('bench-bare'));
  await bare.evaluate(() => window.peer.waitForIncoming(15_000));
  const inviteAt = await bareWire.first('received', /^INVITE /, since);
  const handedOver = await bare.evaluate(() => window.peer.lastIncomingAt());
  // A bare page draws nothing: its "card" is the frame after sip.js handed the call over.
  figures.add('INVITE received → call card painted', handedOver - inviteAt);

  await sleep(REACTION_MS - (Date.now() - handedOver));
  const heard = caller.evaluate(audioReceivedWhen, TIMEOUT_MS);
  const clickedAt = await bare.evaluate(() => {
    const at = performance.timeOrigin + performance.now();
    void window.peer.answer();
    return at;
  });
  const okAt = await bareWire.first('sent', /^SIP\/2\.0 200 /, clickedAt, 'INVITE');
  const heardAt = await heard;
  figures.add('click Answer → 200 OK sent', okAt - clickedAt);
  figures.add('click Answer → caller receives audio', heardAt - clickedAt);
  figures.add('  200 OK sent → caller receives audio', heardAt - okAt);
  await hangUpFarEnd(caller);
  await bare.waitForFunction(() => window.peer.sessionState() === 'Terminated', { polling: 10 });
}

async function dialFromConsole(figures: Figures, { panel, engine, engineWire }: Console): Promise<void> {
  const clickedAt = await dialFromTheDialBox(panel, 'bench-colleague');
  const inviteAt = await engineWire.first('sent', /^INVITE /, clickedAt);
  const ringingAt = await engineWire.first('received', /^SIP\/2\.0 18[03] /, clickedAt, 'INVITE');
  figures.add('click → INVITE sent', inviteAt - clickedAt);
  figures.add('click → 180 received', ringingAt - clickedAt);
  const steps = (await engineSteps(engine, clickedAt)).filter((step) => step.startedAt <= inviteAt);
  addSpan(figures, '  click → command at the engine (UI, 2 hops)', clickedAt, stepStart(steps, 'engine/dial'));
  addSpan(figures, '  command → getUserMedia asked', stepStart(steps, 'engine/dial'), stepStart(steps, 'getUserMedia'));
  addSpan(figures, '  getUserMedia', stepStart(steps, 'getUserMedia'), stepEnd(steps, 'getUserMedia'));
  addSpan(
    figures,
    '  microphone → offer SDP set',
    stepEnd(steps, 'getUserMedia'),
    stepEnd(steps, 'setLocalDescription'),
  );
  addSpan(figures, '  offer SDP set → INVITE sent (ICE, sip.js)', stepEnd(steps, 'setLocalDescription'), inviteAt);
  addSpan(
    figures,
    '  microphone → INVITE sent (sip.js; the offer made ahead)',
    stepEnd(steps, 'getUserMedia'),
    stepEnd(steps, 'setLocalDescription') === undefined ? inviteAt : undefined,
  );
  figures.add('  INVITE sent → 180 received (network, far end)', ringingAt - inviteAt);
  await panel.waitForSelector('[data-testid="call"][data-call-status="Active"]', { timeout: TIMEOUT_MS });
  await panel.click('[data-testid="call"] [data-action="hang-up"]');
  await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: TIMEOUT_MS });
}

async function bareDial(figures: Figures, { bare, bareWire }: { bare: Page; bareWire: WireClock }): Promise<void> {
  const clickedAt = await bare.evaluate((target) => {
    const at = performance.timeOrigin + performance.now();
    void window.peer.call(target);
    return at;
  }, aor('bench-colleague'));
  const inviteAt = await bareWire.first('sent', /^INVITE /, clickedAt);
  const ringingAt = await bareWire.first('received', /^SIP\/2\.0 18[03] /, clickedAt, 'INVITE');
  figures.add('click → INVITE sent', inviteAt - clickedAt);
  figures.add('click → 180 received', ringingAt - clickedAt);
  figures.add('  INVITE sent → 180 received (network, far end)', ringingAt - inviteAt);
  await bare.waitForFunction(() => window.peer.sessionState() === 'Established', { polling: 10 });
  await hangUpFarEnd(bare);
}

/** The caller being transferred (and the user it registered as), and the colleague who takes the call. */
interface FarEndsOfATransfer {
  readonly caller: Page;
  readonly callerUser: string;
  readonly colleague: Page;
}

async function blindTransferFromConsole(
  figures: Figures,
  { panel, engineWire, caller, callerUser, colleague }: Omit<Console, 'engine'> & FarEndsOfATransfer,
): Promise<void> {
  await answerAtTheConsole(panel, caller);
  await panel.click('[data-testid="call"] [data-action="transfer"]');
  await panel.type('[data-testid="call-transfer"] input', 'bench-colleague');
  await timeTransferClick(figures, '', { panel, engineWire, callerUser, colleague }, '[data-action="transfer-blind"]');
  await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: TIMEOUT_MS });
}

/**
 * The caller answered, then the colleague called from the dial box (the caller goes on hold), then the caller's
 * Transfer › Attended: both legs timed.
 */
async function attendedTransferFromConsole(
  figures: Figures,
  { panel, engineWire, caller, callerUser, colleague }: Omit<Console, 'engine'> & FarEndsOfATransfer,
): Promise<void> {
  await answerAtTheConsole(panel, caller);
  const dialledAt = await dialFromTheDialBox(panel, 'bench-colleague');
  const consultAnsweredAt = await engineWire.first(
    'received',
    /^SIP\/2\.0 200 [\s\S]*^(?:To|t):[^\n]*bench-colleague/m,
    dialledAt,
    'INVITE',
  );
  figures.add('consult: click Call → the colleague answered (200 OK)', consultAnsweredAt - dialledAt);
  const callersCall = `[data-testid="call"][aria-label="${callerUser}"]`;
  await panel.waitForSelector(`${callersCall}[data-call-status="Held"]`, { timeout: TIMEOUT_MS });
  await panel.click(`${callersCall} [data-action="transfer"]`);
  await panel.waitForSelector('[data-action="transfer-attended"]', { timeout: TIMEOUT_MS });
  await timeTransferClick(
    figures,
    'join: ',
    { panel, engineWire, callerUser, colleague },
    '[data-action="transfer-attended"]',
  );
  await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: TIMEOUT_MS });
}

/** Types `target` in the console's dial box and submits it; when the submit happened, on the page's clock. */
async function dialFromTheDialBox(panel: Page, target: string): Promise<number> {
  await panel.evaluate((value) => {
    const input = document.querySelector<HTMLInputElement>('#dial-target');
    if (input === null) throw new Error('no dial box');
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, target);
  await sleep(20);
  return panel.evaluate(() => {
    const form = document.querySelector<HTMLFormElement>('[data-testid="dial-box"]');
    if (form === null) throw new Error('no dial box');
    const at = performance.timeOrigin + performance.now();
    form.requestSubmit();
    return at;
  });
}

/** The caller calls the reception, and the console answers: the call is up. */
async function answerAtTheConsole(panel: Page, caller: Page): Promise<void> {
  await caller.evaluate((target) => void window.peer.call(target), aor('reception'));
  await panel.waitForSelector('[data-testid="call"] [data-action="answer"]', { timeout: TIMEOUT_MS });
  await panel.click('[data-testid="call"] [data-action="answer"]');
  await panel.waitForSelector('[data-testid="call"][data-call-status="Active"]', { timeout: TIMEOUT_MS });
}

/** Clicks the transfer's `button` and times it: REFER sent, REFER accepted, the colleague talking to the caller. */
async function timeTransferClick(
  figures: Figures,
  prefix: string,
  {
    panel,
    engineWire,
    callerUser,
    colleague,
  }: Pick<Console, 'panel' | 'engineWire'> & Omit<FarEndsOfATransfer, 'caller'>,
  button: string,
): Promise<void> {
  const connected = colleague.evaluate(talkingToWhen, callerUser, TIMEOUT_MS);
  const clickedAt = await panel.evaluate(clickNow, button);
  const referAt = await engineWire.first('sent', /^REFER /, clickedAt);
  const acceptedAt = await engineWire.first('received', /^SIP\/2\.0 202 /, clickedAt, 'REFER');
  const connectedAt = await connected;
  figures.add(`${prefix}click → REFER sent`, referAt - clickedAt);
  figures.add(`${prefix}click → REFER accepted`, acceptedAt - clickedAt);
  figures.add(`${prefix}click → the colleague talking to the caller`, connectedAt - clickedAt);
}

async function bareBlindTransfer(
  figures: Figures,
  { bare, bareWire, caller, callerUser, colleague }: { bare: Page; bareWire: WireClock } & FarEndsOfATransfer,
): Promise<void> {
  await caller.evaluate((target) => void window.peer.call(target), aor('bench-bare'));
  await bare.evaluate(() => window.peer.waitForIncoming(15_000));
  await bare.evaluate(() => window.peer.answer());
  await caller.waitForFunction(() => window.peer.sessionState() === 'Established', { polling: 10 });
  const connected = colleague.evaluate(talkingToWhen, callerUser, TIMEOUT_MS);
  const clickedAt = await bare.evaluate((target) => {
    const at = performance.timeOrigin + performance.now();
    void window.peer.blindTransfer(target);
    return at;
  }, aor('bench-colleague'));
  const referAt = await bareWire.first('sent', /^REFER /, clickedAt);
  const acceptedAt = await bareWire.first('received', /^SIP\/2\.0 202 /, clickedAt, 'REFER');
  const connectedAt = await connected;
  figures.add('click → REFER sent', referAt - clickedAt);
  figures.add('click → REFER accepted', acceptedAt - clickedAt);
  figures.add('click → the colleague talking to the caller', connectedAt - clickedAt);
  await hangUpFarEnd(bare);
}

async function waitForStep(engine: Page, since: number, name: string): Promise<number> {
  for (let tries = 0; tries < 300; tries++) {
    const step = (await engineSteps(engine, since)).find((candidate) => candidate.name === name);
    if (step !== undefined) return step.startedAt;
    await sleep(10);
  }
  throw new Error(`no ${name} in the engine's page`);
}

await main();
