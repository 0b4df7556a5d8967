import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * A secret in every form a browser or our code could write it: UTF-8 (JSON in LevelDB and SQLite), UTF-16 (V8's
 * serialisation of two-byte strings, IndexedDB) and Base64 (an HTTP Basic header, `user:secret`, as a log or a cache
 * would keep it).
 */
export function formsOfSecret(secret: string, user: string): Buffer[] {
  return [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(Buffer.from(`${user}:${secret}`, 'utf8').toString('base64'), 'utf8'),
  ];
}

/** The files of a browser profile (paths relative to it) holding any of `forms`. Read it after the browser closed. */
export async function profileFilesHolding(profileDir: string, forms: readonly Buffer[]): Promise<string[]> {
  const holding: string[] = [];
  for (const path of await filesUnder(profileDir)) {
    const content = await readFile(path).catch(() => null);
    if (content !== null && forms.some((form) => content.includes(form))) holding.push(relative(profileDir, path));
  }
  return holding;
}

/** Every regular file under `dir`; sockets and links left out (Chromium keeps a singleton socket in its profile). */
async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
