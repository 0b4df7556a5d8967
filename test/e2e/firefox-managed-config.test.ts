import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLab } from '../../lab/src/start-lab.ts';
import { waitForText } from '../support/console-page.ts';
import { FIREFOX_ADDON_ID, launchFirefox, type FirefoxSession } from '../support/firefox-session.ts';
import { consoleAtReception, startLabOffice } from '../support/lab-office.ts';
/** Where Firefox on Linux reads the administrator's policies, whatever its build (`3rdparty` → `storage.managed`). */
const POLICY_DIR = '/etc/firefox/policies';
const POLICY_FILE = `${POLICY_DIR}/policies.json`;

const SALES_TEAM = [
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Sandra Keller',
  'TEL;TYPE=work:+41 44 668 18 00',
  'END:VCARD',
  '',
].join('\r\n');

/**
 * The administrator's configuration in Firefox (issues #13, #17): a real `policies.json` with the add-on's `3rdparty`
 * section, written before Firefox starts, reaches the extension as Chrome's managed storage does, and brings the same
 * Custom directory and assigned favourite into the console.
 */
describe('managed configuration in Firefox', () => {
  const env = {} as { lab: RunningLab; firefox: FirefoxSession; server: Server; previous: string | null };
  beforeAll(async () => {
    env.server = createServer((_request, response) =>
      response.writeHead(200, { 'Content-Type': 'text/vcard', 'Access-Control-Allow-Origin': '*' }).end(SALES_TEAM),
    );
    await new Promise<void>((resolve) => env.server.listen(0, '127.0.0.1', resolve));
    const address = env.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    env.previous = await readFile(POLICY_FILE, 'utf8').catch(() => null);
    await mkdir(POLICY_DIR, { recursive: true });
    await writeFile(
      POLICY_FILE,
      JSON.stringify({
        policies: {
          '3rdparty': {
            Extensions: {
              [FIREFOX_ADDON_ID]: {
                favorites: ['0041 44 668 18 00'],
                directories: [
                  { id: 'sales', name: 'Sales team', type: 'url', url: `http://127.0.0.1:${port}/sales.vcf` },
                  { id: 'broken', name: 'No address', type: 'url', url: 'not a url' },
                ],
              },
            },
          },
        },
      }),
    );
    env.lab = await startLabOffice();
    env.firefox = await launchFirefox();
  });
  afterAll(async () => {
    await env.firefox?.close();
    await env.lab?.stop();
    if (env.previous === null) await rm(POLICY_FILE, { force: true });
    else await writeFile(POLICY_FILE, env.previous);
    await new Promise((resolve) => env.server.close(resolve));
  });

  it('reads the policy into managed storage and shows its directory under Custom contacts', async () => {
    const panel = await consoleAtReception({ lab: env.lab, session: env.firefox });
    const managed = await panel.evaluate(() =>
      (globalThis as unknown as { browser: typeof chrome }).browser.storage.managed.get(null),
    );
    expect(managed).toMatchObject({
      directories: [{ id: 'sales' }, { id: 'broken' }],
      favorites: ['0041 44 668 18 00'],
    });

    await panel.click('#contacts-tab-custom');
    await waitForText(panel, '[data-testid="directory-managed-sales"] .contact__name', /^Sandra Keller$/);
    expect(await panel.$$eval('[data-testid="directory-sync"]', (headers) => headers.length)).toBe(1);
    await panel.click('#contacts-tab-favorites');
    await waitForText(
      panel,
      '[data-testid="favorites"] .contact__directory',
      /Sales team · assigned by your administrator/,
    );
  });
});
