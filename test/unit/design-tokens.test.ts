import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STATE_COLOURS } from '../../src/shared/ui/state-colours.ts';
import type { VisualState } from '../../src/shared/ui/visual-state.ts';

const CSS = readFileSync(new URL('../../src/shared/ui/base.css', import.meta.url), 'utf8');
const STATES = Object.keys(STATE_COLOURS) as VisualState[];

/** The custom properties declared in the first block that opens with `opening`. */
function tokensOf(opening: string): Map<string, string> {
  const start = CSS.indexOf(opening);
  if (start < 0) throw new Error(`no block ${opening}`);
  const body = CSS.slice(start + opening.length, CSS.indexOf('}', start));
  return new Map(Array.from(body.matchAll(/(--[\w-]+):\s*([^;]+);/g), (match) => [match[1] ?? '', match[2] ?? '']));
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio of two #rrggbb colours. */
function contrast(left: string, right: string): number {
  const [light, dark] = [luminance(left), luminance(right)].sort((a, b) => b - a);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

const THEMES = {
  light: tokensOf(':root {'),
  dark: tokensOf(":root[data-theme='dark'] {"),
} as const;

describe('the design tokens (base.css)', () => {
  it('give the dark theme the same values whether the system or the setting asks for it', () => {
    expect(tokensOf(":root:not([data-theme='light']) {")).toEqual(THEMES.dark);
  });

  it.each(Object.entries(THEMES))('colour the seven states in the %s theme as the toolbar does', (theme, tokens) => {
    for (const state of STATES) {
      expect(tokens.get(`--state-${state}`), state).toBe(STATE_COLOURS[state][theme as 'light' | 'dark']);
      expect(tokens.has(`--state-${state}-tint`), state).toBe(true);
    }
  });

  it.each(Object.entries(THEMES))('meet WCAG AA (4.5:1) for text in the %s theme', (_theme, tokens) => {
    const get = (name: string) => {
      const value = tokens.get(name);
      if (value === undefined || !/^#[0-9a-f]{6}$/.test(value)) throw new Error(`${name} is not a colour: ${value}`);
      return value;
    };
    const pairs: [string, string][] = [
      ['--fg', '--bg'],
      ['--fg', '--bg-raised'],
      ['--fg', '--bg-sunken'],
      ['--fg-muted', '--bg'],
      ['--fg-muted', '--bg-raised'],
      ['--accent', '--bg'],
      ['--accent-fg', '--accent'],
      ['--danger', '--bg'],
      ['--danger-fg', '--danger'],
      ['--answer-fg', '--answer'],
      ['--warn', '--bg'],
      ...STATES.flatMap((state): [string, string][] => [
        [`--state-${state}`, '--bg'],
        [`--state-${state}`, '--bg-raised'],
        [`--state-${state}`, `--state-${state}-tint`],
        ['--fg', `--state-${state}-tint`],
      ]),
    ];
    const failing = pairs
      .map(([text, background]) => ({ text, background, ratio: contrast(get(text), get(background)) }))
      .filter((pair) => pair.ratio < 4.5);
    expect(failing).toEqual([]);
  });
});
