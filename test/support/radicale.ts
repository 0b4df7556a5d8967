/**
 * Radicale from Debian's packages (the CardDAV server of issue #13), started on loopback with a fresh store: one
 * user (`reception`, password below, htpasswd in plain text) and an address book, `company`, seeded with vCards
 * written straight into its folder. It allows the extension's origin (CORS), as a directory server for the console
 * must.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export const RADICALE_USER = 'reception';
export const RADICALE_PASSWORD = 'directory-2718';

export interface SeedContact {
  readonly uid: string;
  readonly name: string;
  readonly number: string;
  readonly department?: string;
}

export function vCardOf(contact: SeedContact): string {
  return [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `UID:${contact.uid}`,
    `FN:${contact.name}`,
    `ORG:Acme;${contact.department ?? ''}`,
    `TEL;TYPE=WORK:${contact.number}`,
    'END:VCARD',
    '',
  ].join('\r\n');
}

export class Radicale {
  #process: ChildProcess | null = null;
  #log = '';

  private constructor(
    readonly port: number,
    private readonly workDir: string,
  ) {}

  static async start(): Promise<Radicale> {
    const workDir = await mkdtemp(join(tmpdir(), 'switchboard-radicale-'));
    const radicale = new Radicale(await freePort(), workDir);
    await mkdir(radicale.#bookDir, { recursive: true });
    await writeFile(
      join(radicale.#bookDir, '.Radicale.props'),
      JSON.stringify({ tag: 'VADDRESSBOOK', 'D:displayname': 'Acme' }),
    );
    await writeFile(join(workDir, 'users'), `${RADICALE_USER}:${RADICALE_PASSWORD}\n`);
    await writeFile(
      join(workDir, 'config'),
      [
        '[server]',
        `hosts = 127.0.0.1:${radicale.port}`,
        '[auth]',
        'type = htpasswd',
        `htpasswd_filename = ${join(workDir, 'users')}`,
        'htpasswd_encryption = plain',
        '[rights]',
        'type = owner_only',
        '[storage]',
        `filesystem_folder = ${join(workDir, 'collections')}`,
        '[logging]',
        'level = info',
        '[headers]',
        'Access-Control-Allow-Origin = *',
        'Access-Control-Allow-Methods = GET, PROPFIND, REPORT, OPTIONS',
        'Access-Control-Allow-Headers = Authorization, Content-Type, Depth',
        '',
      ].join('\n'),
    );
    await radicale.#spawn();
    return radicale;
  }

  get #bookDir(): string {
    return join(this.workDir, 'collections', 'collection-root', RADICALE_USER, 'company');
  }

  /** The address book's collection URL, as the console is given it. */
  get bookUrl(): string {
    return `http://127.0.0.1:${this.port}/${RADICALE_USER}/company/`;
  }

  get log(): string {
    return this.#log;
  }

  /** Adds or replaces contacts in the address book, as another client would (Radicale reads its folder on demand). */
  async put(contacts: readonly SeedContact[]): Promise<void> {
    for (const contact of contacts) await writeFile(join(this.#bookDir, `${contact.uid}.vcf`), vCardOf(contact));
    // Radicale caches the collection's state by its folder; a new item is seen at the next request.
  }

  async remove(uid: string): Promise<void> {
    await unlink(join(this.#bookDir, `${uid}.vcf`));
  }

  async #spawn(): Promise<void> {
    const child = spawn('radicale', ['--config', join(this.workDir, 'config')], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#process = child;
    const collect = (chunk: Buffer) => (this.#log += chunk.toString());
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`radicale exited: ${this.#log}`);
      try {
        const response = await fetch(`http://127.0.0.1:${this.port}/`);
        if (response.status < 500) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`radicale did not start: ${this.#log}`);
  }

  async stop(): Promise<void> {
    const child = this.#process;
    this.#process = null;
    if (child !== null && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(this.workDir, { recursive: true, force: true });
  }
}
