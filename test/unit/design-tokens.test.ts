import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STATE_COLOURS } from '../../src/shared/ui/state-colours.ts';
import type { VisualState } from '../../src/shared/ui/visual-state.ts';

const CSS = readFileSync(new URL('../../src/shared/ui/base.css', import.meta.url), 'utf8');
const STATES = Object.keys(STATE_COLOURS) as VisualState[];

/** The custom properties of the `:root` block, each as the light or the dark theme has it (`light-dark(a, b)`). */
function tokensOf(theme: 'light' | 'dark'): Map<string, string> {
  const start = CSS.indexOf(':root {');
  const body = CSS.slice(start, CSS.indexOf('}', start));
  return new Map(
    Array.from(body.matchAll(/(--[\w-]+):\s*([^;]+);/g), (match) => {
      const value = match[2] ?? '';
      const pair = /^light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)$/.exec(value);
      return [match[1] ?? '', pair === null ? value : ((theme === 'light' ? pair[1] : pair[2]) ?? '')];
    }),
  );
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

const THEMES = { light: tokensOf('light'), dark: tokensOf('dark') } as const;

describe('the design tokens (base.css)', () => {
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
