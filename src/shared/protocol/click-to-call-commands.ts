import * as v from 'valibot';
import type { CommandContract } from './command-contract.ts';
import { PageSettingsSchema } from './page-settings.ts';

/** A number as written on a page, or a SIP address (`sip:user@host[:port]`, as `sipAddressOf` gives it). */
const DIALLED_FROM_PAGE =
  /^(?:[+\d\s().\-\/\u00a0\u2007\u2009\u202f\u2010\u2011\u2013]{1,64}|sips?:[A-Za-z0-9\-_.!~*'()&=+$,%]{1,64}@[A-Za-z0-9.\-]{1,253}(?::\d{1,5})?)$/;

/**
 * The only commands a content script may send. A web page shares the content script's renderer, so everything here
 * is treated as coming from the page: validated, rate-limited, and never enough on its own to place a call to a
 * foreign or premium number (see `src/background/click-to-call/`).
 */
export const ClickToCallCommands = {
  /** Whether to link numbers on the sender's page, and how to read national numbers there. */
  'click-to-call/page-settings': {
    req: v.object({}),
    res: PageSettingsSchema,
  },
  /** The user activated a number on the page (a trusted click or key, checked by the content script). */
  'click-to-call/dial': {
    req: v.object({
      /** A number as written, or the SIP address of a page's `sip:` link (the background reads it again). */
      number: v.pipe(v.string(), v.maxLength(340), v.regex(DIALLED_FROM_PAGE)),
      extension: v.nullable(v.pipe(v.string(), v.regex(/^\d{1,6}$/))),
      source: v.picklist(['page-link', 'hover-card', 'tel-link']),
    }),
    res: v.object({ outcome: v.picklist(['dialing', 'awaiting-confirmation']) }),
  },
} as const satisfies CommandContract;
export type ClickToCallCommands = typeof ClickToCallCommands;

export const CLICK_TO_CALL_COMMAND_TYPES: ReadonlySet<string> = new Set(Object.keys(ClickToCallCommands));
