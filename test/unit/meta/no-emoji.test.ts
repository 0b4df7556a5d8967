import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : /\.(tsx?|css|json|html)$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

/**
 * Issue #10.6: an emoji shows as an empty box on a machine without an emoji font, so the UI draws its own icons
 * (src/shared/ui/icons.tsx). No pictographic character in the UI's source or its messages.
 */
describe('the UI draws its icons', () => {
  it('has no emoji in its source or its messages', () => {
    const shown = ['src/sidepanel', 'src/popup', 'src/shared/ui', 'src/help', 'src/welcome', 'src/content', '_locales'];
    const offenders = shown
      .flatMap((dir) => filesUnder(join(ROOT, dir)))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          // Comments may draw diagrams; only what reaches the screen counts.
          .flatMap((line, index) =>
            /\p{Extended_Pictographic}/u.test(line) && !/^\s*(\*|\/\/|\/\*)/.test(line)
              ? [`${relative(ROOT, file)}:${index + 1}: ${line.trim()}`]
              : [],
          ),
      );
    expect(offenders).toEqual([]);
  });
});
