/**
 * rtpengine from Debian's packages (`rtpengine-daemon`), in user space (no kernel forwarding table), on loopback: the
 * media relay Kamailio asks (NG protocol) to bridge a browser's WebRTC media (ICE, DTLS-SRTP, rtcp-mux) to a SIP
 * phone's plain RTP. Started before Kamailio, which pings it when it starts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { mediaPortRange } from './media-ports.ts';
import { stopProcess } from './stop-process.ts';

/** Each relay takes its media ports from its own range (`media-ports.ts`). */
const MEDIA_PORTS_PER_RELAY = 200;

export class RtpEngine {
  #process: ChildProcess | null = null;
  #log = '';

  private constructor(
    readonly controlPort: number,
    private readonly workDir: string,
  ) {}

  static async start(): Promise<RtpEngine> {
    const workDir = await mkdtemp(join(tmpdir(), 'switchboard-rtpengine-'));
    const relay = new RtpEngine(await freePort(), workDir);
    const firstMediaPort = mediaPortRange(MEDIA_PORTS_PER_RELAY);
    const config = join(workDir, 'rtpengine.conf');
    await writeFile(
      config,
      [
        '[rtpengine]',
        'table = -1',
        'interface = 127.0.0.1',
        `listen-ng = 127.0.0.1:${relay.controlPort}`,
        `port-min = ${firstMediaPort}`,
        `port-max = ${firstMediaPort + MEDIA_PORTS_PER_RELAY - 1}`,
        'foreground = true',
        'log-stderr = true',
        'log-level = 6',
        '',
      ].join('\n'),
    );
    const child = spawn('rtpengine', [`--config-file=${config}`, `--pidfile=${join(workDir, 'pid')}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (relay.#log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (relay.#log += chunk.toString()));
    relay.#process = child;
    const deadline = Date.now() + 10_000;
    while (!relay.#log.includes('Startup complete')) {
      if (child.exitCode !== null) throw new Error(`rtpengine exited with ${child.exitCode}:\n${relay.#log}`);
      if (Date.now() > deadline) throw new Error(`rtpengine did not start:\n${relay.#log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return relay;
  }

  /** What the relay logged: each offer, answer and delete, and the media it saw. */
  get log(): string {
    return this.#log;
  }

  async stop(): Promise<void> {
    const child = this.#process;
    this.#process = null;
    await stopProcess(child);
    await rm(this.workDir, { recursive: true, force: true });
  }
}
