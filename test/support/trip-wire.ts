import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Counts every fetch of its URLs: a hostile text that ever ran as markup or script anywhere (a page the extension
 * touched, the console, the popup) would fetch one. Loopback only.
 */
export class TripWire {
  private constructor(
    private readonly server: Server,
    readonly hits: readonly string[],
  ) {}

  static async start(): Promise<TripWire> {
    const hits: string[] = [];
    const server = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.writeHead(204, { 'access-control-allow-origin': '*' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new TripWire(server, hits);
  }

  url(id: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/pwned/${id}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
