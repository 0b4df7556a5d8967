/**
 * Renders the PNG icons the manifest and the toolbar use from `icons/switchboard.svg`, in Debian's Chromium.
 * Run by hand after changing the SVG (`npm run icons`); the PNGs are committed so a build needs no browser.
 *
 * Toolbar variants add a status dot in the corner, so the line's state reads at a glance:
 * `toolbar-<state>-<size>.png` for offline (grey), ready (green), busy (red), dnd (red bar).
 */
import { readFile, writeFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_PATH, CHROMIUM_BASE_ARGS } from '../test/support/chromium.ts';

const SIZES = [16, 32, 48, 128] as const;
const TOOLBAR_SIZES = [16, 32] as const;
const STATES = {
  offline: '<circle cx="100" cy="100" r="26" fill="#6e7781" stroke="#fff" stroke-width="8"/>',
  ready: '<circle cx="100" cy="100" r="26" fill="#1a7f37" stroke="#fff" stroke-width="8"/>',
  busy: '<circle cx="100" cy="100" r="26" fill="#cf222e" stroke="#fff" stroke-width="8"/>',
  dnd: '<circle cx="100" cy="100" r="26" fill="#cf222e" stroke="#fff" stroke-width="8"/><rect x="84" y="94" width="32" height="12" fill="#fff"/>',
} as const;

const svg = await readFile(new URL('../icons/switchboard.svg', import.meta.url), 'utf8');
const browser = await puppeteer.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_BASE_ARGS],
  headless: true,
});
try {
  const page = await browser.newPage();
  const render = async (markup: string, size: number, file: string) => {
    await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${markup.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await writeFile(new URL(`../icons/${file}`, import.meta.url), png);
  };
  for (const size of SIZES) await render(svg, size, `icon-${size}.png`);
  for (const [state, overlay] of Object.entries(STATES)) {
    for (const size of TOOLBAR_SIZES)
      await render(svg.replace('</svg>', `${overlay}</svg>`), size, `toolbar-${state}-${size}.png`);
  }
} finally {
  await browser.close();
}
