import { createServer, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Connection {
  readonly id: string;
  send(data: string): void;
}

export interface TransportDelegate {
  onMessage(connection: Connection, data: string): void;
  onClose(connection: Connection): void;
}

/**
 * SIP over WebSocket (RFC 7118) on loopback: one HTTP server that upgrades to the `sip` subprotocol. Each client is a
 * Connection with an id the proxy writes into its Vias, so a response finds its way back.
 */
export class WebSocketTransport {
  readonly #server: Server;
  readonly #sockets = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  });
  readonly #connections = new Map<string, Connection>();
  #nextId = 1;

  constructor(
    private readonly delegate: TransportDelegate,
    onHttp?: Parameters<typeof createServer>[1],
  ) {
    this.#server = createServer(onHttp ?? ((_request, response) => response.writeHead(404).end()));
    this.#server.on('upgrade', (request, socket, head) => {
      this.#sockets.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
    });
  }

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        const address = this.#server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : port);
      });
    });
  }

  connection(id: string): Connection | undefined {
    return this.#connections.get(id);
  }

  async close(): Promise<void> {
    for (const ws of this.#sockets.clients) ws.terminate();
    const closed = new Promise((resolve) => this.#server.close(resolve));
    // Idle keep-alive HTTP connections (the control API's clients) would hold close() open.
    this.#server.closeAllConnections();
    await closed;
  }

  #accept(ws: WebSocket): void {
    const link = this.accept((data) => {
      if (ws.readyState === ws.OPEN) ws.send(data);
    });
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      link.receive(
        Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Array.isArray(data)
            ? Buffer.concat(data).toString('utf8')
            : Buffer.from(data).toString('utf8'),
      );
    });
    ws.on('close', () => link.close());
  }

  /**
   * A client connected by any means: over a WebSocket (above), or in memory (the engine's fast tests connect sip.js
   * to the lab without a socket). `send` writes to the client; the client's text goes to `receive`, its end to `close`.
   */
  accept(send: (data: string) => void): { receive(text: string): void; close(): void } {
    const connection: Connection = { id: `c${this.#nextId++}`, send };
    this.#connections.set(connection.id, connection);
    return {
      receive: (text) => {
        // Keep-alive CRLFs (RFC 5626 §4.4.1): answered with one CRLF, never parsed.
        if (text.trim() === '') {
          if (text === '\r\n\r\n') connection.send('\r\n');
          return;
        }
        this.delegate.onMessage(connection, text);
      },
      close: () => {
        if (!this.#connections.delete(connection.id)) return;
        this.delegate.onClose(connection);
      },
    };
  }
}
