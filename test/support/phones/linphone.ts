/**
 * Debian's linphone-cli (linphonec 5.1), registered over UDP and driven through its command line on stdin, the way a
 * user types: `call`, `answer`, `terminate`. Its sound card is files (`soundcard use files`): it plays a tone as its
 * microphone and records what it hears into its work folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../free-port.ts';
import { mediaPortRange, PHONE_MEDIA_PORTS } from '../media-ports.ts';
import { stopProcess } from '../stop-process.ts';
import {
  PhoneCalls,
  pollUntil,
  startedOrStopped,
  type IndependentPhone,
  type PhoneAccount,
  type PhoneCallState,
} from './independent-phone.ts';
import { loudnessOfEnd, writeToneFile } from './wave-file.ts';

/** linphonec's own lines that tell a call's state (liblinphone 5.1's wording); the first group is the call's id. */
const CALL_STATE_LINES: readonly (readonly [RegExp, PhoneCallState])[] = [
  [/^Receiving new incoming call from .*, assigned id (\d+)/, 'incoming'],
  [/^Establishing call id to .*, assigned id (\d+)|^Call (\d+) to .* (in progress|ringing)/, 'outgoing'],
  [/^Call (\d+) with .* connected\.|^Media streams established with .* for call (\d+)/, 'established'],
  [/^Call (\d+) with .* is now paused|^Call (\d+) .*paused by/, 'held'],
  [/^Call (\d+) with .* ended|^Call (\d+) .*(released|error)/, 'closed'],
];

export class Linphone implements IndependentPhone {
  readonly program = 'linphone';
  #process: ChildProcess | null = null;
  #log = '';
  readonly #calls = new PhoneCalls();
  #digits = '';
  #partialLine = '';
  #lastTone = { tone: '', at: 0 };
  /** Where the current call's sound starts in the recording. */
  #heardFrom = 0;

  private constructor(
    readonly account: PhoneAccount,
    private readonly workDir: string,
  ) {}

  get user(): string {
    return this.account.user;
  }

  static async start(account: PhoneAccount): Promise<Linphone> {
    const workDir = await mkdtemp(join(tmpdir(), `switchboard-linphone-${account.user}-`));
    const phone = new Linphone(account, workDir);
    return startedOrStopped(phone, async () => {
      const [sipPort, mediaPort] = [await freePort(), mediaPortRange(PHONE_MEDIA_PORTS)];
      await writeToneFile(join(workDir, 'tone.wav'), 440, 60);
      // liblinphone does not start its core (no SIP at all, no error either) when it cannot open its database here.
      await mkdir(join(workDir, '.local', 'share', 'linphone'), { recursive: true });
      await writeFile(
        join(workDir, 'linphonerc'),
        [
          '[sip]',
          `sip_port=${sipPort}`,
          'sip_tcp_port=0',
          'sip_tls_port=0',
          'default_proxy=0',
          '[rtp]',
          `audio_rtp_port=${mediaPort}-${mediaPort + PHONE_MEDIA_PORTS - 1}`,
          '[sound]',
          'echocancellation=0',
          // The account, as linphone's own assistant writes it: calls go through the proxy too (route), not to the
          // domain's DNS records, which the test network has none of.
          '[proxy_0]',
          `reg_proxy=<sip:${account.proxy};transport=udp>`,
          `reg_route=<sip:${account.proxy};transport=udp;lr>`,
          `reg_identity=sip:${account.user}@${account.domain}`,
          'reg_expires=600',
          'reg_sendregister=1',
          '[auth_info_0]',
          `username=${account.user}`,
          `passwd=${account.password}`,
          `domain=${account.domain}`,
          '',
        ].join('\n'),
      );
      // stdbuf: linphonec prints its call events with stdio, which a pipe would otherwise hold back.
      const child = spawn('stdbuf', ['-oL', 'linphonec', '-c', join(workDir, 'linphonerc'), '-d', '0'], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, HOME: workDir },
      });
      child.stdout.on('data', (chunk: Buffer) => phone.#receive(chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (phone.#log += chunk.toString()));
      phone.#process = child;
      // linphonec spins on a closed stdin: should the test process end without stopping it, it must not live on.
      process.once('exit', phone.#killAtExit);
      phone.#type('soundcard use files');
      phone.#type(`play ${join(workDir, 'tone.wav')}`);
      phone.#type(`record ${phone.#recording}`);
      // linphonec does not print its registration's outcome: ask until it says so.
      const deadline = Date.now() + 10_000;
      while (!/registered: yes/.test(phone.#log) && child.exitCode === null) {
        if (Date.now() > deadline) throw new Error(`linphone ${account.user} did not register:\n${phone.#log}`);
        phone.#type('proxy show default');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      if (child.exitCode !== null) throw new Error(`linphonec exited with ${child.exitCode}:\n${phone.#log}`);
    });
  }

  get #recording(): string {
    return join(this.workDir, 'heard.wav');
  }

  get log(): string {
    return this.#log;
  }

  get callsReceived(): number {
    return this.#calls.received;
  }

  get receivedDigits(): string {
    return this.#digits;
  }

  dial(target: string): Promise<void> {
    this.#type(`call sip:${target}@${this.account.domain}`);
    return Promise.resolve();
  }

  async waitForIncoming(timeoutMs = 10_000): Promise<void> {
    await this.waitForState('incoming', timeoutMs);
  }

  answer(): Promise<void> {
    this.#type(`answer ${this.#calls.ringing ?? ''}`);
    return Promise.resolve();
  }

  hangUp(): Promise<void> {
    this.#type(`terminate ${this.#calls.live ?? ''}`);
    return Promise.resolve();
  }

  async waitForState(state: PhoneCallState, timeoutMs = 10_000): Promise<void> {
    await pollUntil(
      () => this.#calls.has(state),
      timeoutMs,
      () => `linphone ${this.user}: no call ${state} in ${this.#calls.describe()}:\n${this.#log.slice(-3000)}`,
    );
  }

  heardLoudness(): Promise<number> {
    return loudnessOfEnd(this.#recording, { fromByte: this.#heardFrom });
  }

  readonly #killAtExit = (): void => void this.#process?.kill('SIGKILL');

  async stop(): Promise<void> {
    process.off('exit', this.#killAtExit);
    const child = this.#process;
    this.#process = null;
    await stopProcess(child, (running) => running.stdin?.write('quit\n'));
    await rm(this.workDir, { recursive: true, force: true });
  }

  #type(command: string): void {
    this.#log += `> ${command}\n`;
    this.#process?.stdin?.write(`${command}\n`);
  }

  /**
   * linphonec prints a tone once for each of the three end packets RFC 4733 has a sender repeat (baresip reports one
   * key): the repeats come within a few milliseconds, a key pressed again comes after the tone and its pause.
   */
  #receiveTone(tone: string): void {
    const now = Date.now();
    if (!(tone === this.#lastTone.tone && now - this.#lastTone.at < 60)) this.#digits += tone;
    this.#lastTone = { tone, at: now };
  }

  #receive(text: string): void {
    this.#log += text;
    const lines = (this.#partialLine + text).split('\n');
    // The last piece may be a line still being written.
    this.#partialLine = lines.pop() ?? '';
    for (const rawLine of lines) {
      // Events are printed after the prompt, on the same line.
      const line = rawLine.replace(/^(linphonec> )+/, '');
      const tone = /^Receiving tone (\S)/.exec(line)?.[1];
      if (tone !== undefined) this.#receiveTone(tone);
      for (const [pattern, state] of CALL_STATE_LINES) {
        const id = pattern
          .exec(line)
          ?.slice(1)
          .find((group) => group !== undefined && /^\d+$/.test(group));
        if (id === undefined) continue;
        this.#calls.set(id, state);
        // linphonec appends every call to the one recording: what it hears now starts here.
        if (state === 'established') this.#heardFrom = statSync(this.#recording, { throwIfNoEntry: false })?.size ?? 0;
      }
    }
  }
}
