import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

const PAGES = fileURLToPath(new URL('../fixtures/click-to-call/pages/', import.meta.url));

/** Serves the test web pages (a CRM, a hostile page, a single-page app) on 127.0.0.1, as any intranet would. */
export class WebPages {
  private constructor(private readonly server: Server) {}

  /** `generated`: pages a test made (by name), served before the fixtures. */
  static async start(generated: ReadonlyMap<string, string> = new Map()): Promise<WebPages> {
    const server = createServer((request, response) => {
      const name = (request.url ?? '/').split('?')[0]?.replace(/^\//, '') ?? '';
      if (!/^[a-z0-9-]+\.html$/.test(name)) {
        response.writeHead(404).end();
        return;
      }
      const page = generated.get(name);
      if (page !== undefined) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
        return;
      }
      readFile(PAGES + name).then(
        (body) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body),
        () => response.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new WebPages(server);
  }

  url(name: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/${name}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
