import { browser } from '../../platform/browser.ts';
import { ALL_SITE_ORIGINS } from '../../shared/model/click-to-call.ts';
import type { Logger } from '../../shared/log.ts';
import type { StateHub } from '../state-hub.ts';

const CONTENT_SCRIPT_ID = 'click-to-call';
/** The content script's stylesheet: how a heavy page's highlighted numbers are drawn. */
const CONTENT_STYLES = 'content.css';

/**
 * Where the browser lets click-to-call run. The extension asks for no site at install: the receptionist grants
 * sites one by one (the popup's "Enable on this site") or all of them (Settings › Web pages), and can take them back
 * in the browser. The content script is registered for exactly the granted sites, and put at once into the tabs
 * already open there.
 */
export class PageAccess {
  constructor(
    private readonly hub: StateHub,
    private readonly log: Logger,
  ) {}

  /** Adds the permission listeners; call synchronously at start (a grant may be what wakes the worker). */
  listen(): void {
    browser.permissions.onAdded.addListener((added) => {
      void this.refresh()
        .then(() => this.#injectIntoOpenTabs(added.origins ?? []))
        .catch((error: unknown) => this.log.warn('could not follow a granted permission', error));
    });
    browser.permissions.onRemoved.addListener(() => {
      void this.refresh().catch((error: unknown) => this.log.warn('could not follow a removed permission', error));
    });
  }

  async refresh(): Promise<void> {
    const origins = ((await browser.permissions.getAll()).origins ?? []).filter(
      (origin) => /^(?:https?|\*):\/\//.test(origin) || origin === '<all_urls>',
    );
    const hasAll =
      origins.includes('<all_urls>') ||
      origins.includes('*://*/*') ||
      ALL_SITE_ORIGINS.every((pattern) => origins.includes(pattern));
    const grantedSites = hasAll ? [] : [...new Set(origins.map(siteOfOrigin).filter((site) => site !== ''))].sort();
    this.hub.setSlice('clickToCall', {
      ...this.hub.state.clickToCall,
      hostAccess: hasAll ? 'all' : grantedSites.length > 0 ? 'some' : 'none',
      grantedSites,
    });
    await this.#register(hasAll ? [...ALL_SITE_ORIGINS] : origins);
  }

  async #register(matches: string[]): Promise<void> {
    const registered = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    const current = registered[0];
    // A registration without the stylesheet is from an older version: registered again.
    const isCurrent = current !== undefined && (current.css ?? []).includes(CONTENT_STYLES);
    if (isCurrent && sameSet(current.matches ?? [], matches)) return;
    if (current !== undefined) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    if (matches.length === 0) return;
    await browser.scripting.registerContentScripts([
      {
        id: CONTENT_SCRIPT_ID,
        js: ['content.js'],
        css: [CONTENT_STYLES],
        matches,
        runAt: 'document_idle',
        allFrames: true,
        persistAcrossSessions: true,
      },
    ]);
    this.log.info(`click-to-call runs on ${matches.join(', ')}`);
  }

  async #injectIntoOpenTabs(origins: string[]): Promise<void> {
    const patterns = origins.filter((origin) => origin !== '<all_urls>');
    if (patterns.length === 0) return;
    const tabs = await browser.tabs.query({ url: patterns });
    await Promise.all(
      tabs.map(async (tab) => {
        if (tab.id === undefined) return;
        const target = { tabId: tab.id, allFrames: true };
        await browser.scripting.insertCSS({ target, files: [CONTENT_STYLES] }).catch(() => undefined);
        await browser.scripting.executeScript({ target, files: ['content.js'] }).catch(() => undefined);
      }),
    );
  }
}

/** `https://crm.example.com/*` → `crm.example.com`; wildcard origins give `*.example.com`. */
function siteOfOrigin(origin: string): string {
  const match = /^(?:https?|\*):\/\/([^/]+)\//.exec(origin);
  return match?.[1] ?? '';
}

function sameSet(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((item) => right.includes(item));
}
