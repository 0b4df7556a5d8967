import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';

const FIREFOX_PATH = process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';
const FIREFOX_BUILD = fileURLToPath(new URL('../../dist/firefox', import.meta.url));

/**
 * Firefox's build in Debian's firefox-esr, over WebDriver BiDi. BiDi may not open moz-extension:// pages, so the check
 * reads what the extension's background logs: Firefox prints extension consoles to its stdout when
 * `devtools.console.stdout.chrome` is set.
 */
describe('the Firefox build', () => {
  it('installs in firefox-esr and its background starts and restores its state without errors', async () => {
    expect(existsSync(FIREFOX_PATH), `firefox-esr is needed at ${FIREFOX_PATH} (apt-get install firefox-esr)`).toBe(
      true,
    );
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      extraPrefsFirefox: { 'devtools.console.stdout.chrome': true, 'devtools.console.stdout.content': true },
    });
    let output = '';
    browser.process()?.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    browser.process()?.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const id = await browser.installExtension(FIREFOX_BUILD);
      expect(id).toBe('switchboard@switchboard.example');
      const deadline = Date.now() + 15_000;
      while (!output.includes('settings restored; resuming the phone line') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(output).toContain('[switchboard:background]" "background started');
      expect(output).toContain('settings restored; resuming the phone line');
      const ourErrors = output
        .split('\n')
        .filter((line) => /moz-extension:|switchboard/.test(line) && /error|exception/i.test(line));
      expect(ourErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
