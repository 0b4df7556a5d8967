import * as v from 'valibot';

/**
 * Settings › Web pages: click-to-call. Stored under `settings.clickToCall`. Where the extension may run at all is the
 * browser's host permission (asked for per site or for all sites); these settings narrow it further.
 */
const SitePatternSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(253),
  v.regex(/^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?$/, 'error_site_pattern'),
);

export const ClickToCallSettingsSchema = v.object({
  /** The global switch. */
  isEnabled: v.boolean(),
  /** When not empty, the only sites where numbers are linked. `example.com` or `*.example.com`. */
  allowedSites: v.pipe(v.array(SitePatternSchema), v.maxLength(500)),
  /** Sites where numbers are never linked (the popup's "disable on this site" adds here). */
  deniedSites: v.pipe(v.array(SitePatternSchema), v.maxLength(500)),
  /** A call asked for by a web page to another country waits for the receptionist's confirmation in the console. */
  confirmInternational: v.boolean(),
  /** Likewise for premium-rate and shared-cost numbers. */
  confirmPremium: v.boolean(),
});
export type ClickToCallSettings = v.InferOutput<typeof ClickToCallSettingsSchema>;

export const DEFAULT_CLICK_TO_CALL: ClickToCallSettings = {
  isEnabled: true,
  allowedSites: [],
  deniedSites: [],
  confirmInternational: true,
  confirmPremium: true,
};

/** Where a dial request came from: a link we made, its hover card, a page's own `tel:` link, the browser's UI. */
export const DialRequestSourceSchema = v.picklist([
  'page-link',
  'hover-card',
  'tel-link',
  'context-menu',
  'keyboard-command',
]);
export type DialRequestSource = v.InferOutput<typeof DialRequestSourceSchema>;

/** A call a web page asked for that waits for the receptionist's yes or no. */
export const PendingDialSchema = v.object({
  id: v.pipe(v.string(), v.maxLength(64)),
  /** E.164. */
  number: v.string(),
  reason: v.picklist(['international', 'premium', 'sip-address']),
  /** The site the request came from (host name), or empty for the browser's own menu. */
  site: v.string(),
  requestedAt: v.number(),
});
export type PendingDial = v.InferOutput<typeof PendingDialSchema>;

/** Whether the browser lets the content script run: on every site, on some, or nowhere yet. */
export const HostAccessSchema = v.picklist(['all', 'some', 'none']);

export const ClickToCallStateSchema = v.object({
  settings: ClickToCallSettingsSchema,
  hostAccess: HostAccessSchema,
  /** The sites the browser granted one by one (host names), for the settings view. */
  grantedSites: v.array(v.string()),
  pending: v.array(PendingDialSchema),
});
export type ClickToCallState = v.InferOutput<typeof ClickToCallStateSchema>;

export const INITIAL_CLICK_TO_CALL: ClickToCallState = {
  settings: DEFAULT_CLICK_TO_CALL,
  hostAccess: 'none',
  grantedSites: [],
  pending: [],
};

/**
 * True when `host` is covered by a pattern: `example.com` covers itself (on any port), `*.example.com` it and its
 * subdomains; a pattern with a port covers that port only.
 */
export function siteMatches(host: string, pattern: string): boolean {
  const name = pattern.includes(':') ? host.toLowerCase() : host.toLowerCase().replace(/:\d+$/, '');
  if (pattern.startsWith('*.')) {
    const domain = pattern.slice(2);
    return name === domain || name.endsWith(`.${domain}`);
  }
  return name === pattern;
}

/** Whether numbers are linked on `host` under these settings (the browser's permission aside). */
export function isLinkingAllowedOn(host: string, settings: ClickToCallSettings): boolean {
  if (!settings.isEnabled || host === '') return false;
  if (settings.deniedSites.some((pattern) => siteMatches(host, pattern))) return false;
  return settings.allowedSites.length === 0 || settings.allowedSites.some((pattern) => siteMatches(host, pattern));
}

/** The host permission patterns for every web site (the manifest's optional hosts). */
export const ALL_SITE_ORIGINS: readonly string[] = ['http://*/*', 'https://*/*'];

/** The host permission patterns to ask the browser for one site (host name, no port). */
export function originsOfSite(hostname: string): string[] {
  return [`http://${hostname}/*`, `https://${hostname}/*`];
}
