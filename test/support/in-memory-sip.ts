/**
 * The engine's fake transport: sip.js connects to the lab PBX in the same process through a WebSocket stand-in, the
 * way SIP.js tests its own core with paired fake transports. Real SIP text, the lab's real registrar and proxy, no
 * socket and no port: the engine's flows run as unit tests in milliseconds. `kill()` drops every connection at
 * once (a crash), `restart()` brings up a PBX that knows no one, as a restarted server.
 */
import type { HostilePeer } from '../../lab/src/hostile-peer.ts';
import { LabServer } from '../../lab/src/lab-server.ts';
import { createLabLogger } from '../../lab/src/log.ts';

export const IN_MEMORY_DOMAIN = 'lab.switchboard';
export const IN_MEMORY_PASSWORD = 'frontdesk-3141';
export const IN_MEMORY_URL = 'ws://in-memory.invalid/ws';

/** Deliveries are asynchronous, as on a network: nothing is handled inside the call that sent it. */
const later = (task: () => void) => setTimeout(task, 0);

export class InMemorySipNetwork {
  #server: LabServer | null = null;

  constructor(private readonly options: { maxLampsPerUser?: number } = {}) {}

  readonly #sockets = new Set<InMemoryWebSocket>();
  #original: unknown;
  /**
   * The network path of `user`'s connections open now goes quiet for good, both ways, with nothing closed: a NAT that
   * forgot the mapping, a cable pulled behind a switch. New connections work.
   */
  silence(user: string): void {
    for (const socket of this.#sockets) if (socket.registeredUser === user) socket.isSilenced = true;
  }

  /** How many requests of this method reached the PBX since it last started. */
  requestCount(method: string): number {
    return this.#server?.requestCount(method) ?? 0;
  }

  /** The PBX as a hostile server or peer (the lab's fault injection); null while it is down. */
  get hostile(): HostilePeer | null {
    return this.#server?.hostile ?? null;
  }

  /** Puts the stand-in in place of the global WebSocket (sip.js reads it when it connects) and starts the PBX. */
  install(): void {
    this.#original = (globalThis as { WebSocket?: unknown }).WebSocket;
    (globalThis as { WebSocket?: unknown }).WebSocket = InMemoryWebSocket.on(this);
    this.#server = this.#newServer();
  }

  uninstall(): void {
    this.kill();
    (globalThis as { WebSocket?: unknown }).WebSocket = this.#original;
  }

  /** The PBX dies: every connection drops without a goodbye, and new ones are refused until `restart()`. */
  kill(): void {
    this.#server = null;
    for (const socket of [...this.#sockets]) socket.drop();
  }

  restart(): void {
    this.kill();
    this.#server = this.#newServer();
  }

  /** @internal A socket asks to connect: linked to the PBX, or refused (the PBX is down). */
  connect(socket: InMemoryWebSocket): { send(text: string): void; close(): void } | null {
    const server = this.#server;
    if (server === null) return null;
    this.#sockets.add(socket);
    const link = server.connectInMemory((data) => {
      if (!socket.isSilenced) later(() => socket.deliver(data));
    });
    return {
      send: (text) => {
        socket.registeredUser ??= /^REGISTER [^\r\n]*\r\n(?:[^\r\n]*\r\n)*?From:[^<\r\n]*<sip:([^@>]+)@/i.exec(
          text,
        )?.[1];
        if (!socket.isSilenced) later(() => link.receive(text));
      },
      close: () => {
        this.#sockets.delete(socket);
        later(() => link.close());
      },
    };
  }

  /** @internal */
  forget(socket: InMemoryWebSocket): void {
    this.#sockets.delete(socket);
  }

  #newServer(): LabServer {
    return new LabServer({
      domain: IN_MEMORY_DOMAIN,
      passwordOf: () => IN_MEMORY_PASSWORD,
      log: createLabLogger(true),
      maxLampsPerUser: this.options.maxLampsPerUser,
    });
  }
}

/** What sip.js's web transport uses of a WebSocket: the events, `send`, `close`, `readyState`. */
class InMemoryWebSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = InMemoryWebSocket.CONNECTING;
  binaryType = 'arraybuffer';
  readonly protocol = 'sip';
  /** Whose REGISTER this connection carried first (see `InMemorySipNetwork.silence`). */
  registeredUser: string | undefined;
  /** Its path went quiet: nothing it sends arrives, nothing reaches it, and no close is seen. */
  isSilenced = false;
  #link: { send(text: string): void; close(): void } | null = null;

  /** The WebSocket class sip.js will construct (`new WebSocket(url, 'sip')`), connecting to this network. */
  static on(network: InMemorySipNetwork): new (url: string) => InMemoryWebSocket {
    return class extends InMemoryWebSocket {
      constructor(url: string) {
        super(url, network);
      }
    };
  }

  constructor(
    readonly url: string,
    private readonly network: InMemorySipNetwork,
  ) {
    super();
    later(() => {
      this.#link = network.connect(this);
      if (this.#link === null) {
        // Connection refused: an error, then the close a browser reports for it.
        this.readyState = InMemoryWebSocket.CLOSED;
        this.dispatchEvent(new Event('error'));
        this.#dispatchClose(1006);
        return;
      }
      this.readyState = InMemoryWebSocket.OPEN;
      this.dispatchEvent(new Event('open'));
    });
  }

  send(data: string): void {
    if (this.readyState === InMemoryWebSocket.OPEN) this.#link?.send(data);
  }

  close(code = 1000): void {
    if (this.readyState >= InMemoryWebSocket.CLOSING) return;
    this.readyState = InMemoryWebSocket.CLOSING;
    this.#link?.close();
    later(() => {
      this.readyState = InMemoryWebSocket.CLOSED;
      this.#dispatchClose(code);
    });
  }

  /** A message from the PBX. */
  deliver(data: string): void {
    if (this.readyState === InMemoryWebSocket.OPEN) this.dispatchEvent(new MessageEvent('message', { data }));
  }

  /** The PBX went away: closed with no close frame (1006), as a crash or a cut network. */
  drop(): void {
    if (this.readyState === InMemoryWebSocket.CLOSED) return;
    this.network.forget(this);
    this.readyState = InMemoryWebSocket.CLOSED;
    later(() => this.#dispatchClose(1006));
  }

  #dispatchClose(code: number): void {
    this.dispatchEvent(Object.assign(new Event('close'), { code, reason: '', wasClean: code === 1000 }));
  }
}
