import * as v from 'valibot';
import { ContactFieldsSchema, DirectoryIdSchema } from './contact.ts';

/**
 * Where a directory kept on a server is read from (issue #13): a CardDAV address book (its collection URL, read
 * with a sync token so that only changes travel after the first time), or a provisioned URL serving vCard, CSV or
 * JSON (read whole). Company directories are set in Settings › Directories; Custom ones come from the administrator
 * (managed storage). The server must allow the extension's origin (CORS) — the browser gives an extension no other
 * way to read a server it has no host permission for without also opening its pages to click-to-call.
 */
export const DirectorySourceSchema = v.object({
  id: DirectoryIdSchema,
  kind: v.picklist(['company', 'custom']),
  name: v.pipe(v.string(), v.trim(), v.nonEmpty('error_directory_name_required'), v.maxLength(100, 'error_too_long')),
  /** CardDAV, a provisioned file, or a BroadWorks Enterprise directory through XSI (the URL is the XSI root). */
  type: v.picklist(['carddav', 'url', 'xsi']),
  url: v.pipe(
    v.string(),
    v.trim(),
    v.url('error_directory_url'),
    v.check((url) => /^https?:\/\//i.test(url), 'error_directory_url'),
    v.maxLength(2000, 'error_too_long'),
  ),
  username: v.pipe(v.string(), v.trim(), v.maxLength(200, 'error_too_long')),
  password: v.pipe(v.string(), v.maxLength(200, 'error_too_long')),
});
export type DirectorySource = v.InferOutput<typeof DirectorySourceSchema>;

/** Where a directory's sync stands, kept between syncs: the server's sync token, when it last worked, why not. */
export const DirectorySyncStateSchema = v.object({
  syncToken: v.nullable(v.string()),
  lastSyncedAt: v.nullable(v.number()),
  /** A message key saying why the last sync failed; null once one succeeds. */
  error: v.nullable(v.string()),
});
export type DirectorySyncState = v.InferOutput<typeof DirectorySyncStateSchema>;

/** A provisioned JSON directory: a list of contacts, each with at least a name. */
export const JsonDirectorySchema = v.array(
  v.object({
    name: v.string(),
    company: v.optional(v.string(), ''),
    department: v.optional(v.string(), ''),
    title: v.optional(v.string(), ''),
    location: v.optional(v.string(), ''),
    notes: v.optional(v.string(), ''),
    phones: v.optional(ContactFieldsSchema.entries.phones, []),
    emails: v.optional(v.array(v.string()), []),
  }),
);
