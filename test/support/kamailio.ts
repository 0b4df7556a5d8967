/**
 * Kamailio from Debian's packages, started in the foreground on loopback with the project's own test config
 * (`kamailio/kamailio.cfg`), stopped by its PID. Its log is kept so tests can count what reached the PBX.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { stopProcess } from './stop-process.ts';

export const KAMAILIO_DOMAIN = 'lab.switchboard';
export const KAMAILIO_PASSWORD = 'frontdesk-3141';
const CONFIG = new URL('./kamailio/kamailio.cfg', import.meta.url);
/** Debian's `kamailio-sqlite-modules` ships the table definitions here. */
const SQLITE_SCHEMAS = '/usr/share/kamailio/db_sqlite';

export interface KamailioOptions {
  /**
   * The media relay's NG control port: Kamailio then also takes plain SIP over UDP (independent phones) on its port,
   * and has rtpengine bridge the media of every call between a browser and a phone.
   */
  readonly rtpengineControlPort?: number;
}

export class Kamailio {
  #process: ChildProcess | null = null;
  #log = '';

  private constructor(
    readonly port: number,
    private readonly workDir: string,
    private readonly options: KamailioOptions,
  ) {}

  static async start(options: KamailioOptions = {}): Promise<Kamailio> {
    const workDir = await mkdtemp(join(tmpdir(), 'switchboard-kamailio-'));
    const kamailio = new Kamailio(await freePort(), workDir, options);
    // The presence modules check their tables at start-up, though they keep everything in memory here.
    const database = join(workDir, 'presence.sqlite');
    const schema = await Promise.all(
      ['standard-create.sql', 'presence-create.sql'].map((file) => readFile(join(SQLITE_SCHEMAS, file), 'utf8')),
    );
    execFileSync('sqlite3', [database], { input: schema.join('\n') });
    const config = (await readFile(CONFIG, 'utf8'))
      .replace('"!SB_PORT!5066!g"', `"!SB_PORT!${kamailio.port}!g"`)
      .replace('"!SB_DB!sqlite:///tmp/switchboard-presence.sqlite!g"', `"!SB_DB!sqlite://${database}!g"`)
      .replace('"!SB_RTPENGINE!2223!g"', `"!SB_RTPENGINE!${options.rtpengineControlPort ?? 2223}!g"`);
    await writeFile(join(workDir, 'kamailio.cfg'), config);
    await kamailio.#spawn();
    return kamailio;
  }

  /** Where a phone sends its plain SIP (UDP), when Kamailio was started for phones. */
  get udpAddress(): string {
    return `127.0.0.1:${this.port}`;
  }

  get webSocketUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  /** The log so far: every request is logged as `SB-REQUEST <method> <ruri> …`. */
  get log(): string {
    return this.#log;
  }

  requestCount(method: string): number {
    return this.#log.split('\n').filter((line) => line.includes(`SB-REQUEST ${method} `)).length;
  }

  /** Every REGISTER of `user` that reached the server, in order, with what tells one binding and transaction from another. */
  registers(user: string): { callId: string; cseq: number; contactExpires: number | null }[] {
    return this.#log
      .split('\n')
      .filter((line) => line.includes('SB-REQUEST REGISTER ') && line.includes(` to sip:${user}@`))
      .map((line) => {
        const callId = /call-id (\S+)/.exec(line)?.[1] ?? '';
        const cseq = Number(/cseq (\d+)/.exec(line)?.[1]);
        const expires = /contact .*;expires=(\d+)/.exec(line)?.[1];
        return { callId, cseq, contactExpires: expires === undefined ? null : Number(expires) };
      });
  }

  async waitForRequest(method: string, count = 1, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.requestCount(method) < count) {
      if (Date.now() > deadline)
        throw new Error(`Kamailio saw ${this.requestCount(method)} ${method}, expected ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Kills the server at once (no goodbye on the WebSockets), as a crash or a power cut would. */
  async kill(): Promise<void> {
    const child = this.#process;
    this.#process = null;
    if (child === null || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    // Kamailio's workers are in the same process group as the main process.
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await exited;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.#spawn();
  }

  /**
   * Freezes the server and its workers (SIGSTOP to the process group): its connections stay open and say nothing,
   * as a hung server or a network gone quiet would; `thaw()` lets it go on where it stopped.
   */
  freeze(): void {
    this.#signalGroup('SIGSTOP');
  }

  thaw(): void {
    this.#signalGroup('SIGCONT');
  }

  #signalGroup(signal: NodeJS.Signals): void {
    const pid = this.#process?.pid;
    if (pid === undefined) throw new Error('Kamailio is not running');
    process.kill(-pid, signal);
  }

  async stop(): Promise<void> {
    const child = this.#process;
    this.#process = null;
    await stopProcess(child);
    await rm(this.workDir, { recursive: true, force: true });
  }

  async #spawn(): Promise<void> {
    const child = spawn(
      'kamailio',
      [
        ...['-f', join(this.workDir, 'kamailio.cfg'), '-DD', '-E', '-Y', this.workDir, '-m', '64', '-M', '8'],
        ...(this.options.rtpengineControlPort === undefined ? [] : ['-A', 'WITH_PHONES']),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    child.stdout.on('data', (chunk: Buffer) => (this.#log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.#log += chunk.toString()));
    this.#process = child;
    const deadline = Date.now() + 10_000;
    while (!(await isListening(this.port))) {
      if (child.exitCode !== null) throw new Error(`Kamailio exited with ${child.exitCode}:\n${this.#log}`);
      if (Date.now() > deadline) throw new Error(`Kamailio did not listen on ${this.port}:\n${this.#log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
