/**
 * Debian's baresip (1.0.0), registered over UDP, driven through its `ctrl_tcp` module (JSON in netstrings: commands in,
 * responses and call events out). Its microphone is `ausine` (a 440 Hz tone); the `sndfile` filter records what it
 * hears (the decoder side) into its work folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
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
import { loudnessOfEnd } from './wave-file.ts';

interface BaresipEvent {
  readonly event?: boolean;
  readonly response?: boolean;
  readonly type?: string;
  readonly param?: string;
  readonly id?: string;
  readonly token?: string;
  readonly ok?: boolean;
  readonly data?: string;
}

/** baresip's call events, and the state each puts its call in. */
const CALL_EVENTS: Readonly<Record<string, PhoneCallState>> = {
  CALL_INCOMING: 'incoming',
  CALL_OUTGOING: 'outgoing',
  CALL_RINGING: 'outgoing',
  CALL_ESTABLISHED: 'established',
  CALL_CLOSED: 'closed',
};

export class Baresip implements IndependentPhone {
  readonly program = 'baresip';
  #process: ChildProcess | null = null;
  #control: Socket | null = null;
  #log = '';
  readonly #calls = new PhoneCalls();
  #digits = '';
  #registered = false;
  #pending = Buffer.alloc(0);
  #sentCommands = 0;
  readonly #awaitingAnswers = new Map<string, (answer: BaresipEvent) => void>();

  private constructor(
    readonly account: PhoneAccount,
    private readonly workDir: string,
  ) {}

  get user(): string {
    return this.account.user;
  }

  static async start(account: PhoneAccount): Promise<Baresip> {
    const workDir = await mkdtemp(join(tmpdir(), `switchboard-baresip-${account.user}-`));
    const phone = new Baresip(account, workDir);
    return startedOrStopped(phone, async () => {
      const [sipPort, controlPort, mediaPort] = [await freePort(), await freePort(), mediaPortRange(PHONE_MEDIA_PORTS)];
      await mkdir(join(workDir, 'heard'));
      await writeFile(
        join(workDir, 'config'),
        [
          'poll_method epoll',
          `sip_listen 127.0.0.1:${sipPort}`,
          'net_interface 127.0.0.1',
          'audio_source ausine,440',
          // ausine makes its tone at 48 kHz in stereo only; baresip resamples to the codec's rate.
          'ausrc_srate 48000',
          'ausrc_channels 2',
          'audio_player aubridge,nowhere',
          'audio_alert aubridge,nowhere',
          `rtp_ports ${mediaPort}-${mediaPort + PHONE_MEDIA_PORTS - 1}`,
          'module_path /usr/lib/baresip/modules',
          'module g711.so',
          'module ausine.so',
          'module aubridge.so',
          'module sndfile.so',
          `snd_path ${join(workDir, 'heard')}`,
          'module_tmp account.so',
          'module_app menu.so',
          'module_app ctrl_tcp.so',
          `ctrl_tcp_listen 127.0.0.1:${controlPort}`,
          '',
        ].join('\n'),
      );
      await writeFile(
        join(workDir, 'accounts'),
        `<sip:${account.user}@${account.domain}>;auth_pass=${account.password};` +
          `outbound="sip:${account.proxy};transport=udp";regint=600;answermode=manual\n`,
      );
      const child = spawn('baresip', ['-f', workDir, '-v'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk: Buffer) => (phone.#log += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (phone.#log += chunk.toString()));
      phone.#process = child;
      await pollUntil(
        () => phone.#log.includes('baresip is ready') || child.exitCode !== null,
        10_000,
        () => `baresip did not start:\n${phone.#log}`,
      );
      if (child.exitCode !== null) throw new Error(`baresip exited with ${child.exitCode}:\n${phone.#log}`);
      phone.#control = await openControl(controlPort);
      phone.#control.on('data', (chunk: Buffer) => phone.#receive(chunk));
      // The registration may be over before the control connection opens: its outcome is in the log too.
      await pollUntil(
        () => phone.#registered || / 200 OK .*\[\d+ bindings?\]/.test(phone.#log),
        10_000,
        () => `baresip did not register:\n${phone.#log}`,
      );
    });
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
    return this.#command('dial', `sip:${target}@${this.account.domain}`);
  }

  async waitForIncoming(timeoutMs = 10_000): Promise<void> {
    await this.waitForState('incoming', timeoutMs);
  }

  answer(): Promise<void> {
    return this.#command('accept');
  }

  hangUp(): Promise<void> {
    return this.#command('hangup');
  }

  async waitForState(state: PhoneCallState, timeoutMs = 10_000): Promise<void> {
    await pollUntil(
      () => this.#calls.has(state),
      timeoutMs,
      () => `baresip ${this.user}: no call ${state} in ${this.#calls.describe()}:\n${this.#log.slice(-3000)}`,
    );
  }

  async heardLoudness(): Promise<number> {
    const heard = (await readdir(join(this.workDir, 'heard'))).filter((name) => name.endsWith('-dec.wav')).sort();
    const latest = heard.at(-1);
    return latest === undefined ? 0 : loudnessOfEnd(join(this.workDir, 'heard', latest));
  }

  async stop(): Promise<void> {
    this.#control?.destroy();
    const child = this.#process;
    this.#process = null;
    await stopProcess(child);
    await rm(this.workDir, { recursive: true, force: true });
  }

  /** Sends a command; resolves on baresip's answer to it, rejects if baresip refuses it. */
  #command(command: string, params?: string): Promise<void> {
    const token = `${command}-${++this.#sentCommands}`;
    const body = JSON.stringify({ command, params, token });
    return new Promise((resolve, reject) => {
      this.#awaitingAnswers.set(token, (answer) =>
        answer.ok === true ? resolve() : reject(new Error(`baresip refused ${command}: ${answer.data ?? ''}`)),
      );
      this.#control?.write(`${Buffer.byteLength(body)}:${body},`);
    });
  }

  #receive(chunk: Buffer): void {
    this.#pending = Buffer.concat([this.#pending, chunk]);
    for (;;) {
      const colon = this.#pending.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.#pending.subarray(0, colon).toString());
      if (this.#pending.length < colon + 1 + length + 1) return;
      const text = this.#pending.subarray(colon + 1, colon + 1 + length).toString();
      this.#pending = this.#pending.subarray(colon + 1 + length + 1);
      this.#log += `[ctrl] ${text}\n`;
      this.#onMessage(JSON.parse(text) as BaresipEvent);
    }
  }

  #onMessage(message: BaresipEvent): void {
    if (message.response === true && message.token !== undefined) {
      this.#awaitingAnswers.get(message.token)?.(message);
      this.#awaitingAnswers.delete(message.token);
    }
    if (message.event !== true) return;
    if (message.type === 'REGISTER_OK') this.#registered = true;
    if (message.type === 'CALL_DTMF_START') this.#digits += message.param ?? '';
    const state = message.type === undefined ? undefined : CALL_EVENTS[message.type];
    if (state !== undefined && message.id !== undefined) this.#calls.set(message.id, state);
  }
}

function openControl(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}
