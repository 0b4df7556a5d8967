import { browser } from '../../platform/browser.ts';
import {
  isLinkingAllowedOn,
  siteMatches,
  type ClickToCallSettings,
  type ClickToCallState,
  type DialRequestSource,
  type PendingDial,
} from '../../shared/model/click-to-call.ts';
import { RegistrationStatus } from '../../shared/model/registration.ts';
import type { Logger } from '../../shared/log.ts';
import type { PageSettingsChanged } from '../../shared/protocol/page-settings.ts';
import { CommandError, type CommandSender } from '../../shared/protocol/command-contract.ts';
import { dialString } from '../dial-string.ts';
import type { PhoneLine } from '../phone-line.ts';
import type { SettingsStore } from '../settings-store.ts';
import type { StateHub } from '../state-hub.ts';
import { checkDialRequest } from './dial-request-check.ts';
import { RateLimiter } from './rate-limiter.ts';

/** A page may ask for a call at most once every 2 s and 5 times a minute, per tab. */
const PAGE_DIALS_PER_MINUTE = 5;
const PAGE_DIAL_GAP_MS = 2_000;
/** A confirmation nobody answered is dropped: the receptionist would not remember what it was about. */
const PENDING_TTL_MS = 2 * 60_000;
/** After the far end answers, the wait before an extension's digits are sent (its auto-attendant must be listening). */
const EXTENSION_DIGITS_DELAY_MS = 2_000;

export interface DialRequest {
  readonly number: string;
  readonly extension: string | null;
  readonly source: DialRequestSource;
  /** The site that asked (host name), empty for the browser's own menus. */
  readonly site: string;
}

/**
 * Click-to-call's rules, in one place: where numbers are linked, what a page's dial request may do (validated,
 * rate-limited per tab, confirmed by the receptionist for other countries and premium-rate lines), and the
 * confirmations waiting in the console.
 */
export class ClickToCallService {
  readonly #limiter = new RateLimiter(PAGE_DIALS_PER_MINUTE, 60_000, PAGE_DIAL_GAP_MS);
  readonly #extensionsToSend = new Map<string, string>();

  constructor(
    private readonly hub: StateHub,
    private readonly store: SettingsStore,
    private readonly phone: PhoneLine,
    private readonly log: Logger,
  ) {
    hub.onChange((state, key) => {
      if (key === 'calls' && this.#extensionsToSend.size > 0) this.#sendExtensionDigits(state.calls);
    });
  }

  get state(): ClickToCallState {
    return this.hub.state.clickToCall;
  }

  pageSettingsFor(url: string): PageSettingsChanged['payload'] {
    return {
      isEnabled: isLinkingAllowedOn(hostOf(url), this.state.settings),
      defaultCountry: this.hub.state.phone.defaultCountry,
    };
  }

  /** A dial request from a content script: the page's site must be on, the tab within its rate. */
  async dialFromPage(
    request: Omit<DialRequest, 'site'>,
    sender: CommandSender,
  ): Promise<'dialing' | 'awaiting-confirmation'> {
    const site = hostOf(sender.url);
    if (!isLinkingAllowedOn(site, this.state.settings)) {
      throw new CommandError({ code: 'forbidden', messageKey: 'error_click_to_call_off', detail: site });
    }
    if (!this.#limiter.tryAcquire(`tab:${sender.tabId ?? 'none'}`)) {
      this.log.warn(`refused a dial request from ${site}: too many in a short time`);
      throw new CommandError({ code: 'failed', messageKey: 'error_click_to_call_rate', detail: site });
    }
    return this.dial({ ...request, site });
  }

  /** Any dial request from outside the console: checked, then placed or held for confirmation. */
  async dial(request: DialRequest): Promise<'dialing' | 'awaiting-confirmation'> {
    const { settings } = this.state;
    const plan = this.hub.state.phone;
    const verdict = checkDialRequest(request.number, {
      defaultCountry: plan.defaultCountry,
      extensionLength: plan.extensionLength,
      confirmInternational: settings.confirmInternational,
      confirmPremium: settings.confirmPremium,
    });
    if (verdict.kind === 'refused') {
      throw CommandError.invalidInput([
        { field: 'number', messageKey: verdict.reason === 'too-long' ? 'error_number_too_long' : 'error_not_a_number' },
      ]);
    }
    if (verdict.needsConfirmation !== null) {
      const pending: PendingDial = {
        id: crypto.randomUUID(),
        number: verdict.number,
        reason: verdict.needsConfirmation,
        site: request.site,
        requestedAt: Date.now(),
      };
      await this.#setPending([...this.#livePending(), pending]);
      return 'awaiting-confirmation';
    }
    await this.#place(verdict.number, request.extension);
    return 'dialing';
  }

  /** The receptionist's answer to a confirmation. */
  async answerPending(id: string, accept: boolean): Promise<void> {
    const pending = this.#livePending();
    const request = pending.find((entry) => entry.id === id);
    await this.#setPending(pending.filter((entry) => entry.id !== id));
    if (request === undefined) throw new CommandError({ code: 'failed', messageKey: 'error_click_to_call_expired' });
    if (accept) await this.#place(request.number, null);
  }

  async updateSettings(settings: ClickToCallSettings): Promise<ClickToCallSettings> {
    await this.store.saveClickToCall(settings);
    this.hub.setSlice('clickToCall', { ...this.state, settings });
    await this.#tellOpenPages();
    return settings;
  }

  /** The popup's per-site switch: off adds the site to the deny list, on takes it (and its patterns) out. */
  async setSiteEnabled(site: string, isEnabled: boolean): Promise<ClickToCallSettings> {
    const host = site.toLowerCase();
    const { settings } = this.state;
    const deniedSites = settings.deniedSites.filter(
      (pattern) => pattern !== host && !(isEnabled && siteMatches(host, pattern)),
    );
    if (!isEnabled) deniedSites.push(host);
    const allowedSites =
      isEnabled && settings.allowedSites.length > 0 && !isLinkingAllowedOn(host, { ...settings, deniedSites })
        ? [...settings.allowedSites, host]
        : settings.allowedSites;
    return this.updateSettings({ ...settings, deniedSites, allowedSites, isEnabled: settings.isEnabled || isEnabled });
  }

  async #place(number: string, extension: string | null): Promise<void> {
    if (this.hub.state.registration.status !== RegistrationStatus.Registered) {
      throw new CommandError({ code: 'not-registered', messageKey: 'error_not_registered' });
    }
    const { callId } = await this.phone.send('engine/dial', { target: dialString(number, this.hub.state.phone) });
    if (extension !== null) this.#extensionsToSend.set(callId, extension);
  }

  /** The extension written after a number ("poste 214") is keyed in once the far end has answered. */
  #sendExtensionDigits(calls: ClickToCallServiceCalls): void {
    for (const [callId, digits] of this.#extensionsToSend) {
      const call = calls.find((candidate) => candidate.id === callId);
      if (call === undefined || call.status === 'Ended') {
        this.#extensionsToSend.delete(callId);
      } else if (call.status === 'Active') {
        this.#extensionsToSend.delete(callId);
        setTimeout(() => {
          void this.phone
            .send('engine/dtmf', { callId: call.id, digits, mode: this.hub.state.phone.dtmfMode })
            .catch((error: unknown) => this.log.warn('could not send the extension digits', error));
        }, EXTENSION_DIGITS_DELAY_MS);
      }
    }
  }

  #livePending(): PendingDial[] {
    const now = Date.now();
    return this.state.pending.filter((entry) => now - entry.requestedAt < PENDING_TTL_MS);
  }

  /** Kept in session storage too: a stopped worker finds the question again when its notification is answered. */
  async #setPending(pending: PendingDial[]): Promise<void> {
    this.hub.setSlice('clickToCall', { ...this.state, pending });
    await this.store.savePendingDials(pending);
  }

  /** Every open tab's content script hears its site's new settings (switched off: it takes its links away). */
  async #tellOpenPages(): Promise<void> {
    const tabs = await browser.tabs.query({});
    await Promise.all(
      tabs.map(async (tab) => {
        if (tab.id === undefined || tab.url === undefined) return;
        const message: PageSettingsChanged = {
          sb: 1,
          type: 'click-to-call/page-settings-changed',
          payload: this.pageSettingsFor(tab.url),
        };
        // Tabs without our content script (no permission there, or a browser page) refuse: nothing to tell them.
        await browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
      }),
    );
  }
}

type ClickToCallServiceCalls = StateHub['state']['calls'];

export function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host.toLowerCase() : '';
  } catch {
    return '';
  }
}
