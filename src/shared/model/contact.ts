import * as v from 'valibot';

/**
 * A directory of the contacts pane (the guide's tabs): the receptionist's own (Personal, and Outlook for contacts
 * brought from Outlook), the organisation's (Company), and those an administrator defines (Custom).
 */
export const DirectoryKindSchema = v.picklist(['personal', 'outlook', 'company', 'custom']);
export type DirectoryKind = v.InferOutput<typeof DirectoryKindSchema>;

export const DirectoryIdSchema = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9:._-]{0,63}$/));
export type DirectoryId = v.InferOutput<typeof DirectoryIdSchema>;

/** The directories every console has, whatever else is configured. */
export const PERSONAL_DIRECTORY: DirectoryId = 'personal';
export const OUTLOOK_DIRECTORY: DirectoryId = 'outlook';

export const PhoneTypeSchema = v.picklist(['work', 'mobile', 'home', 'extension', 'fax', 'other']);
export type PhoneType = v.InferOutput<typeof PhoneTypeSchema>;

const text = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max, 'error_too_long'));

export const ContactPhoneSchema = v.object({
  type: PhoneTypeSchema,
  number: v.pipe(v.string(), v.trim(), v.nonEmpty('error_contact_number_required'), v.maxLength(64, 'error_too_long')),
});
export type ContactPhone = v.InferOutput<typeof ContactPhoneSchema>;

/**
 * What a contact holds, as the receptionist edits it or an import brings it: a name, and any of the rest. Every field
 * is text and is only ever shown as text.
 */
export const ContactFieldsSchema = v.object({
  name: v.pipe(v.string(), v.trim(), v.nonEmpty('error_contact_name_required'), v.maxLength(200, 'error_too_long')),
  company: text(200),
  department: text(200),
  title: text(200),
  location: text(200),
  notes: text(2000),
  phones: v.pipe(v.array(ContactPhoneSchema), v.maxLength(20)),
  emails: v.pipe(
    v.array(v.pipe(v.string(), v.trim(), v.email('error_contact_email'), v.maxLength(254, 'error_too_long'))),
    v.maxLength(10),
  ),
});
export type ContactFields = v.InferOutput<typeof ContactFieldsSchema>;

export const ContactIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/** A contact as stored: its fields, the directory it belongs to and its id there. */
export const ContactSchema = v.object({
  ...ContactFieldsSchema.entries,
  id: ContactIdSchema,
  directoryId: DirectoryIdSchema,
});
export type Contact = v.InferOutput<typeof ContactSchema>;

export const EMPTY_CONTACT_FIELDS: ContactFields = {
  name: '',
  company: '',
  department: '',
  title: '',
  location: '',
  notes: '',
  phones: [],
  emails: [],
};

/**
 * A directory as every UI sees it: what it is, how many contacts, and its sync's health. Whether it is shown, and
 * whether it sits in the call console, is the workspace's (`Workspace.directories`).
 */
export const DirectorySummarySchema = v.object({
  id: DirectoryIdSchema,
  kind: DirectoryKindSchema,
  name: v.string(),
  count: v.number(),
  /** Where it comes from: kept in this browser, or read from a server. */
  source: v.picklist(['local', 'carddav', 'url', 'xsi']),
  lastSyncedAt: v.nullable(v.number()),
  /** Why the last sync failed (a message key), until one succeeds. */
  syncError: v.nullable(v.string()),
});
export type DirectorySummary = v.InferOutput<typeof DirectorySummarySchema>;

/** A speed dial: a short code typed in any dial box dials its number. */
export const SpeedDialSchema = v.object({
  code: v.pipe(v.string(), v.trim(), v.regex(/^[0-9]{1,3}$/, 'error_speed_dial_code')),
  number: v.pipe(v.string(), v.trim(), v.nonEmpty('error_contact_number_required'), v.maxLength(64, 'error_too_long')),
  name: text(200),
});
export type SpeedDial = v.InferOutput<typeof SpeedDialSchema>;

/** The contacts slice: the directories, the favourites (contact ids), their lamps' lines and the speed dials. */
export const ContactsStateSchema = v.object({
  directories: v.array(DirectorySummarySchema),
  favorites: v.array(ContactIdSchema),
  /** The favourites the administrator assigns (managed storage), as the contacts their numbers were found as. */
  assignedFavorites: v.array(ContactIdSchema),
  speedDials: v.array(SpeedDialSchema),
  /**
   * The lines whose busy lamps the engine keeps: each favourite's (assigned ones first) as `lampLineOf` finds it,
   * once each, in the Favorites tab's order.
   */
  watchedLines: v.array(v.pipe(v.string(), v.maxLength(64))),
  /** Grows on every change of any contact, so a view listing contacts knows to read them again. */
  revision: v.number(),
});
export type ContactsState = v.InferOutput<typeof ContactsStateSchema>;

/** Who a number is, found in the directories: for calls, the history, notifications. */
export const CallerIdentitySchema = v.object({
  name: v.string(),
  directoryId: DirectoryIdSchema,
  contactId: ContactIdSchema,
});
export type CallerIdentity = v.InferOutput<typeof CallerIdentitySchema>;

/** A search's results, one group per directory, in the order the directories are listed. */
export const ContactSearchResultSchema = v.array(
  v.object({ directoryId: DirectoryIdSchema, contacts: v.array(ContactSchema) }),
);
export type ContactSearchResult = v.InferOutput<typeof ContactSearchResultSchema>;
