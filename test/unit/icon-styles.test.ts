import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ICON_STYLES_FILE, iconStyles } from '../../scripts/icon-styles.ts';
import { ICON_NAMES } from '../../src/shared/ui/icons.tsx';

describe('the icons’ masks', () => {
  it('are what scripts/icon-styles.ts makes of the shapes in icons.tsx (run it after changing an icon)', () => {
    expect(readFileSync(ICON_STYLES_FILE, 'utf8')).toBe(iconStyles());
  });

  it('hold one opaque SVG image for every icon, with nothing a URL in quotes cannot carry', () => {
    const styles = iconStyles();
    for (const name of ICON_NAMES) {
      const image = new RegExp(
        `\\.icon\\[data-icon='${name}'\\] \\{\\n  --icon-shape: url\\('data:image/svg\\+xml,([^']+)'\\);`,
      ).exec(styles)?.[1];
      expect(image, name).toBeDefined();
      const svg = decodeURIComponent(image ?? '');
      expect(svg, name).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 24 24">.+<\/svg>$/);
      // The text's colour is painted through the shape: the shape itself never takes a colour of the page's.
      expect(svg, name).not.toMatch(/currentColor|var\(/);
      expect(image, name).not.toMatch(/[#<>]/);
    }
  });
});
