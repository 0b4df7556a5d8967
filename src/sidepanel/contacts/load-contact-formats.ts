import type * as Formats from './contact-formats.ts';

/** What `contact-formats.ts` exports. */
export type ContactFormats = typeof Formats;

let loading: Promise<ContactFormats> | null = null;

/**
 * The contact file formats, loaded the first time an import or an export asks (once; a failure is tried again). The
 * path is the built module beside the page's script (scripts/build.ts leaves this import to the browser), and here
 * the source beside this file: the same name in both places, a literal a reviewer can read.
 */
export function loadContactFormats(): Promise<ContactFormats> {
  loading ??= import('./contact-formats.js').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
