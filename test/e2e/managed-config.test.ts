import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_BUILD } from '../support/extension-browser.ts';
import { waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

/** Where Debian's Chromium reads the administrator's policies (Linux: one JSON file per policy set). */
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = `${POLICY_DIR}/switchboard-test.json`;

/** The id Chromium gives an unpacked extension: from the SHA-256 of its folder's path, in the letters a–p. */
function unpackedExtensionId(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return Array.from(hex, (digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

const SALES_TEAM = [
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Sandra Keller',
  'ORG:Acme;Sales',
  'TEL;TYPE=work:+41 44 668 18 00',
  'END:VCARD',
  '',
].join('\r\n');

/**
 * The administrator's configuration (issue #13): a real policy file where Chromium reads managed policies, written
 * before the browser starts, brings a Custom directory into the console; a wrong entry is left out.
 */
describe('managed configuration', () => {
  let server: Server;
  beforeAll(async () => {
    server = createServer((_request, response) =>
      response.writeHead(200, { 'Content-Type': 'text/vcard', 'Access-Control-Allow-Origin': '*' }).end(SALES_TEAM),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await mkdir(POLICY_DIR, { recursive: true });
    await writeFile(
      POLICY_FILE,
      JSON.stringify({
        '3rdparty': {
          extensions: {
            [unpackedExtensionId(CHROME_BUILD)]: {
              favorites: ['0041 44 668 18 00'],
              directories: [
                { id: 'sales', name: 'Sales team', type: 'url', url: `http://127.0.0.1:${port}/sales.vcf` },
                { id: 'broken', name: 'No address', type: 'url', url: 'not a url' },
              ],
            },
          },
        },
      }),
    );
  });
  const env = usePhoneLab();
  afterAll(async () => {
    await rm(POLICY_FILE, { force: true });
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads the policy file into managed storage and shows its directory under Custom contacts', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    expect(env.session.extensionId).toBe(unpackedExtensionId(CHROME_BUILD));
    const managed = await panel.evaluate(() => chrome.storage.managed.get(null));
    expect(managed).toMatchObject({
      directories: [{ id: 'sales' }, { id: 'broken' }],
      favorites: ['0041 44 668 18 00'],
    });

    await panel.click('#contacts-tab-custom');
    await waitForText(panel, '[data-testid="directory-sync"]', /Sales team/);
    await waitForText(panel, '[data-testid="directory-managed-sales"] .contact__name', /^Sandra Keller$/);
    // The entry without a valid address is not a directory.
    expect(await panel.$$eval('[data-testid="directory-sync"]', (headers) => headers.length)).toBe(1);
    await env.session.screenshot(panel, 'contacts-custom-managed-en');

    // The favourite the administrator assigns (by number, in another format) is in Favorites, said so, not removable.
    await panel.click('#contacts-tab-favorites');
    await waitForText(panel, '[data-testid="favorites"] .contact__name', /^Sandra Keller$/);
    await waitForText(
      panel,
      '[data-testid="favorites"] .contact__directory',
      /Sales team · assigned by your administrator/,
    );
    expect(await panel.$('[data-testid="favorites"] [data-action="contact-favorite"]')).toBeNull();
  });
});
