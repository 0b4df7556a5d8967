/**
 * Renders the PNG icons the manifest and the toolbar use from `icons/switchboard.svg`, in Debian's Chromium.
 * Run by hand after changing the SVG (`npm run icons`); the PNGs are committed so a build needs no browser.
 *
 * Toolbar variants add a status dot in the corner, so the line's state reads at a glance:
 * `toolbar-<state>-<size>.png` for offline, ready, busy (on a call) and dnd, in the colours of the line states
 * (`src/shared/ui/state-colours.ts`: offline, idle, talking, busy with a bar).
 */
import { readFile, writeFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_PATH, CHROMIUM_BASE_ARGS } from '../test/support/chromium.ts';
import { STATE_COLOURS } from '../src/shared/ui/state-colours.ts';

const SIZES = [16, 32, 48, 128] as const;
const TOOLBAR_SIZES = [16, 32] as const;
const dot = (colour: string) => `<circle cx="100" cy="100" r="26" fill="${colour}" stroke="#fff" stroke-width="8"/>`;
const STATES = {
  offline: dot(STATE_COLOURS.offline.light),
  ready: dot(STATE_COLOURS.idle.light),
  busy: dot(STATE_COLOURS.talking.light),
  dnd: `${dot(STATE_COLOURS.busy.light)}<rect x="84" y="94" width="32" height="12" fill="#fff"/>`,
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
