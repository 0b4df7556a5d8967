import { basicAuthorization } from '../../shared/http/basic-authorization.ts';
import type { AccountSettings } from '../../shared/model/account.ts';
import type { PbxBackendState } from '../../shared/model/pbx-backend.ts';
import type { PhoneSettings } from '../../shared/model/phone-settings.ts';
import type { Services } from '../../shared/model/services.ts';
import { CommandError } from '../../shared/protocol/command-contract.ts';
import {
  callForwardingAlwaysXml,
  doNotDisturbXml,
  parseCallForwardingAlways,
  parseDoNotDisturb,
  parseErrorInfo,
  XsiDocumentError,
} from '../../shared/xsi/xsi-documents.ts';
import { dialString } from '../dial-string.ts';
import type { PbxServices, PbxServiceStates } from './pbx-services.ts';

/** XSI-Actions under an Xtended Services Platform's root (BroadWorks XSI specification §3.5.1). */
const ACTIONS_PATH = '/com.broadsoft.xsi-actions/v2.0';
const REQUEST_TIMEOUT_MS = 10_000;

/** Why an XSI request failed, by HTTP status, as the console says it (the server's own words go in `detail`). */
const PROBLEM_OF_STATUS: Record<number, string> = {
  400: 'error_xsi_refused',
  401: 'error_xsi_unauthorized',
  403: 'error_xsi_forbidden',
  404: 'error_xsi_not_found',
};

export interface XsiPbxServicesOptions {
  readonly account: () => AccountSettings | null;
  /** The password typed this browser session (XSI has no digest: "remember me" alone is not enough). */
  readonly password: () => Promise<string | null>;
  readonly plan: () => PhoneSettings;
  /** Told how each exchange went, for the console to show the backend's health. */
  readonly onHealth: (state: PbxBackendState) => void;
  readonly fetch?: typeof fetch;
}

/**
 * The BroadWorks XSI backend (issue #15): the user's Do Not Disturb and Call Forwarding Always read and switched
 * through XSI-Actions (`…/user/<userId>/services/DoNotDisturb|CallForwardingAlways`, §3.5.3.15, §3.5.3.39) over HTTP
 * Basic with the user's id (their SIP address) and password (§3.2.2). Every answer is read with fast-xml-parser
 * (`xsi-documents.ts`); a failure says why — wrong credentials, not allowed, not found, the server's refusal in its
 * own words, unreachable, too slow — and the backend's health follows each exchange.
 */
export class XsiPbxServices implements PbxServices {
  readonly backend = 'xsi';

  constructor(private readonly options: XsiPbxServicesOptions) {}

  async switchServices(before: Services, after: Services): Promise<void> {
    if (after.dnd.mode === 'pbx' && after.dnd.isActive !== before.dnd.isActive) {
      await this.#request(
        'PUT',
        'DoNotDisturb',
        doNotDisturbXml({ isActive: after.dnd.isActive, hasRingSplash: false }),
      );
    }
    const cfaChanged =
      after.cfa.isActive !== before.cfa.isActive ||
      after.cfa.target !== before.cfa.target ||
      after.cfa.hasRingSplash !== before.cfa.hasRingSplash;
    if (after.cfa.mode === 'pbx' && cfaChanged) {
      const target = after.cfa.target === '' ? '' : dialString(after.cfa.target, this.options.plan());
      await this.#request(
        'PUT',
        'CallForwardingAlways',
        callForwardingAlwaysXml({
          isActive: after.cfa.isActive,
          forwardTo: target,
          hasRingSplash: after.cfa.hasRingSplash,
        }),
      );
    }
  }

  async readServices(): Promise<PbxServiceStates> {
    const [dnd, cfa] = await Promise.all([
      this.#request('GET', 'DoNotDisturb').then((xml) => this.#read(() => parseDoNotDisturb(xml))),
      this.#request('GET', 'CallForwardingAlways').then((xml) => this.#read(() => parseCallForwardingAlways(xml))),
    ]);
    return {
      dnd: { isActive: dnd.isActive },
      cfa: { isActive: cfa.isActive, target: cfa.forwardTo, hasRingSplash: cfa.hasRingSplash },
    };
  }

  #read<T>(parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      const detail = error instanceof XsiDocumentError ? error.message : String(error);
      throw this.#fail('error_xsi_malformed', detail);
    }
  }

  async #request(method: 'GET' | 'PUT', service: string, body?: string): Promise<string> {
    const account = this.options.account();
    const password = await this.options.password();
    if (account === null || account.xsiUrl === '') throw this.#fail('error_xsi_not_configured', null);
    if (password === null) throw this.#fail('error_xsi_needs_password', null);
    const url = `${account.xsiUrl}${ACTIONS_PATH}/user/${encodeURIComponent(account.sipAddress)}/services/${service}`;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method,
        headers: {
          Authorization: basicAuthorization(account.sipAddress, password),
          ...(body === undefined ? {} : { 'Content-Type': 'application/xml; charset=UTF-8' }),
        },
        ...(body === undefined ? {} : { body }),
        credentials: 'omit',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const isTimeout = error instanceof DOMException && error.name === 'TimeoutError';
      throw this.#fail(isTimeout ? 'error_xsi_timeout' : 'error_xsi_unreachable', null);
    }
    const text = await response.text();
    if (!response.ok) {
      const info = parseErrorInfo(text);
      const problem = PROBLEM_OF_STATUS[response.status] ?? 'error_xsi_server';
      throw this.#fail(problem, info?.summary ?? `${response.status} ${response.statusText}`.trim());
    }
    this.options.onHealth({ backend: 'xsi', status: 'ok', problem: null, detail: null });
    return text;
  }

  #fail(problem: string, detail: string | null): CommandError {
    this.options.onHealth({ backend: 'xsi', status: 'failing', problem, detail });
    return new CommandError({ code: 'failed', messageKey: problem, ...(detail === null ? {} : { detail }) });
  }
}
