/**
 * Builds the extension for both browsers: `dist/chrome/` and `dist/firefox/`, each a loadable unpacked extension,
 * from the one top-level manifest. `--zip` also packs them for the stores (web-ext build); `--watch` rebuilds on
 * change. `SB_NO_MINIFY=1` keeps the names readable (for a profile: `BENCH_PROFILE=1 npx tsx bench/lamps-bench.ts`).
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { manifestFor, type Browser, type Manifest } from './manifest-transform.ts';
import { minifiedCssText } from './minified-css-text.ts';
import { nativeParseError } from './native-parse-error.ts';
import { phoneFormattingLeftOut } from './phone-formatting-left-out.ts';
import { polyfillTakenWhole } from './polyfill-taken-whole.ts';
import { sipGrammarCache } from './sip-grammar-cache.ts';
import { sipHeaderizeCache } from './sip-headerize-cache.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const isWatch = args.has('--watch');
const shouldZip = args.has('--zip');

interface Page {
  readonly entry: string;
  readonly out: string;
  /** The page's HTML, written from one template; absent for the background script. */
  readonly html?: { readonly title: string; readonly hasStyles: boolean };
}

function pagesFor(browser: Browser): Page[] {
  const pages: Page[] = [
    {
      entry: browser === 'chrome' ? 'src/background/chrome-main.ts' : 'src/background/firefox-main.ts',
      out: 'background',
    },
    { entry: 'src/sidepanel/main.tsx', out: 'sidepanel', html: { title: 'Switchboard', hasStyles: true } },
    { entry: 'src/popup/main.tsx', out: 'popup', html: { title: 'Switchboard', hasStyles: true } },
    { entry: 'src/help/main.tsx', out: 'help', html: { title: 'Switchboard', hasStyles: true } },
    { entry: 'src/welcome/main.tsx', out: 'welcome', html: { title: 'Switchboard', hasStyles: true } },
  ];
  if (browser === 'chrome') {
    pages.push({
      entry: 'src/offscreen/main.ts',
      out: 'offscreen',
      html: { title: 'Switchboard phone engine', hasStyles: false },
    });
  }
  return pages;
}

async function copyStatic(browser: Browser, outdir: string): Promise<void> {
  const source = JSON.parse(await readFile(`${root}manifest.json`, 'utf8')) as Manifest;
  await writeFile(`${outdir}/manifest.json`, `${JSON.stringify(manifestFor(browser, source), null, 2)}\n`);
  await cp(`${root}_locales`, `${outdir}/_locales`, { recursive: true });
  // The shape of the administrator's configuration (Chrome's managed storage; Firefox reads its policy unchecked).
  if (browser === 'chrome') await cp(`${root}managed-schema.json`, `${outdir}/managed-schema.json`);
  await cp(`${root}icons`, `${outdir}/icons`, { recursive: true, filter: (path) => !path.endsWith('.svg') });
  for (const page of pagesFor(browser)) {
    if (page.html !== undefined) await writeFile(`${outdir}/${page.out}.html`, pageHtml(page.out, page.html));
  }
}

/** Every page is the same shell: its stylesheet, an #app element the view mounts in, its script. */
function pageHtml(name: string, { title, hasStyles }: { title: string; hasStyles: boolean }): string {
  return [
    '<!doctype html>',
    '<html>',
    '  <head>',
    '    <meta charset="utf-8" />',
    '    <meta name="viewport" content="width=device-width" />',
    `    <title>${title}</title>`,
    ...(hasStyles ? [`    <link rel="stylesheet" href="${name}.css" />`] : []),
    '  </head>',
    '  <body>',
    '    <div id="app"></div>',
    `    <script src="${name}.js"></script>`,
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}

function optionsFor(browser: Browser, outdir: string): esbuild.BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: pagesFor(browser).map((page) => ({ in: page.entry, out: page.out })),
    outdir,
    bundle: true,
    // Plain scripts, no module loading at run time: the service worker, the event page and the pages all take them.
    format: 'iife',
    target: browser === 'chrome' ? 'chrome116' : 'firefox140',
    minify: !isWatch && process.env['SB_NO_MINIFY'] === undefined,
    sourcemap: isWatch ? 'inline' : 'linked',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { 'process.env.NODE_ENV': isWatch ? '"development"' : '"production"' },
    logLevel: 'warning',
    legalComments: 'linked',
    plugins: [
      sipGrammarCache,
      sipHeaderizeCache,
      nativeParseError,
      minifiedCssText,
      lazyModulesStayImports,
      polyfillTakenWhole,
    ],
  };
}

/**
 * Modules the pages load when they need them, built as ES modules beside the pages' scripts: the contact file
 * formats, only for an import or an export (`src/sidepanel/contacts/load-contact-formats.ts`).
 */
const LAZY_MODULES = [{ in: 'src/sidepanel/contacts/contact-formats.ts', out: 'contact-formats' }];

/** A page's `import('./<module>.js')` of a lazy module stays an import for the browser, not bundled into the page. */
const lazyModulesStayImports: esbuild.Plugin = {
  name: 'lazy-modules-stay-imports',
  setup(build) {
    for (const module of LAZY_MODULES) {
      const path = `./${module.out}.js`;
      const filter = new RegExp(`^${path.replace(/[.]/g, '\\.')}$`);
      build.onResolve({ filter, namespace: 'file' }, () => ({ path, external: true }));
    }
  },
};

function modulesOptionsFor(browser: Browser, outdir: string): esbuild.BuildOptions {
  return { ...optionsFor(browser, outdir), entryPoints: LAZY_MODULES, format: 'esm' };
}

/**
 * Click-to-call, registered at run time on the sites the receptionist grants (see src/background/click-to-call/):
 * built on its own, as it never formats a number (`phone-formatting-left-out.ts`) and the pages do.
 */
function contentScriptOptionsFor(browser: Browser, outdir: string): esbuild.BuildOptions {
  const options = optionsFor(browser, outdir);
  return {
    ...options,
    entryPoints: [{ in: 'src/content/main.ts', out: 'content' }],
    plugins: [...(options.plugins ?? []), phoneFormattingLeftOut],
  };
}

async function buildBrowser(browser: Browser): Promise<esbuild.BuildContext[]> {
  const outdir = `${root}dist/${browser}`;
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await copyStatic(browser, outdir);
  const builds = [
    optionsFor(browser, outdir),
    modulesOptionsFor(browser, outdir),
    contentScriptOptionsFor(browser, outdir),
  ];
  if (isWatch) {
    return Promise.all(
      builds.map(async (options) => {
        const context = await esbuild.context(options);
        await context.watch();
        return context;
      }),
    );
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
  return [];
}

async function zip(browser: Browser): Promise<void> {
  const run = promisify(execFile);
  await run(
    `${root}node_modules/.bin/web-ext`,
    [
      'build',
      '--source-dir',
      `dist/${browser}`,
      '--artifacts-dir',
      'dist/packages',
      '--filename',
      `switchboard-${browser}-{version}.zip`,
      '--overwrite-dest',
    ],
    { cwd: root },
  );
}

const browsers: Browser[] = ['chrome', 'firefox'];
await Promise.all(browsers.map(buildBrowser));
if (shouldZip) {
  for (const browser of browsers) await zip(browser);
}
if (isWatch) {
  process.stdout.write('Watching src/ for changes; reload the extension in the browser after a rebuild.\n');
} else {
  process.stdout.write(`Built dist/chrome and dist/firefox${shouldZip ? ', and packages in dist/packages' : ''}.\n`);
}
