import * as v from 'valibot';
import { sipAddressOf } from '../phone-number/telephone-uri.ts';
import type { CommandContract } from './command-contract.ts';

/**
 * The only commands a content script may send. A web page shares the content script's renderer, so everything here
 * is treated as coming from the page: validated, rate-limited, and never enough on its own to place a call to a
 * foreign or premium number (see `src/background/click-to-call/`).
 */
export const ClickToCallCommands = {
  /** Whether to link numbers on the sender's page, and how to read national numbers there. */
  'click-to-call/page-settings': {
    req: v.object({}),
    res: v.object({ isEnabled: v.boolean(), defaultCountry: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/)) }),
  },
  /** The user activated a number on the page (a trusted click or key, checked by the content script). */
  'click-to-call/dial': {
    req: v.object({
      /** A number as written, or the SIP address of a page's `sip:` link (exactly as `sipAddressOf` gives it). */
      number: v.union([
        v.pipe(v.string(), v.maxLength(64), v.regex(/^[+\d\s().\-\/\u00a0\u2007\u2009\u202f\u2010\u2011\u2013]+$/)),
        v.pipe(
          v.string(),
          v.maxLength(340),
          v.check((address) => sipAddressOf(address) === address),
        ),
      ]),
      extension: v.nullable(v.pipe(v.string(), v.regex(/^\d{1,6}$/))),
      source: v.picklist(['page-link', 'hover-card', 'tel-link']),
    }),
    res: v.object({ outcome: v.picklist(['dialing', 'awaiting-confirmation']) }),
  },
} as const satisfies CommandContract;
export type ClickToCallCommands = typeof ClickToCallCommands;

export const CLICK_TO_CALL_COMMAND_TYPES: ReadonlySet<string> = new Set(Object.keys(ClickToCallCommands));

/** Pushed by the background to a tab's content script when its settings change (a site disabled, say). */
export const PageSettingsChangedSchema = v.object({
  sb: v.literal(1),
  type: v.literal('click-to-call/page-settings-changed'),
  payload: ClickToCallCommands['click-to-call/page-settings'].res,
});
export type PageSettingsChanged = v.InferOutput<typeof PageSettingsChangedSchema>;
