/**
 * Writes `src/shared/ui/icons.css`: each drawn icon's shapes (`ICON_SHAPES` of `src/shared/ui/icons.tsx`) as an SVG
 * image, the mask its `.icon` element is painted through. Run it after changing an icon; a unit test fails while the
 * committed file differs from what this makes.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isValidElement, type ComponentChildren } from 'preact';
import { ICON_NAMES, ICON_SHAPES } from '../src/shared/ui/icons.tsx';

export const ICON_STYLES_FILE = fileURLToPath(new URL('../src/shared/ui/icons.css', import.meta.url));

export function iconStyles(): string {
  const rules = ICON_NAMES.map((name) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">${svgMarkup(ICON_SHAPES[name])}</svg>`;
    // Only what a URL in quotes cannot hold is escaped: the image stays readable, and half the size.
    const escaped = svg.replace(/[%#<>']/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
    return `.icon[data-icon='${name}'] {\n  --icon-shape: url('data:image/svg+xml,${escaped}');\n}`;
  });
  return `/* Made by scripts/icon-styles.ts from the shapes of icons.tsx: run it again after changing an icon. */\n${rules.join('\n')}\n`;
}

/**
 * The SVG markup of an icon's shapes (elements and fragments, as icons.tsx writes them). A mask reads only where the
 * image is opaque, so `currentColor` is any opaque colour: black.
 */
function svgMarkup(shapes: ComponentChildren): string {
  if (Array.isArray(shapes)) return (shapes as ComponentChildren[]).map(svgMarkup).join('');
  if (!isValidElement(shapes)) return '';
  const { children, ...attributes } = shapes.props as { children?: ComponentChildren } & Record<string, unknown>;
  const inner = svgMarkup(children);
  if (typeof shapes.type !== 'string') return inner;
  const written = Object.entries(attributes)
    .map(([attribute, value]) => ` ${attribute}="${String(value).replace('currentColor', '#000')}"`)
    .join('');
  return `<${shapes.type}${written}>${inner}</${shapes.type}>`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeFile(ICON_STYLES_FILE, iconStyles());
