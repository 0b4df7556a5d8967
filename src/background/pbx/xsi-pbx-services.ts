import type { PhoneSettings } from '../../shared/model/phone-settings.ts';
import type { Services } from '../../shared/model/services.ts';
import {
  callForwardingAlwaysXml,
  doNotDisturbXml,
  parseCallForwardingAlways,
  parseDoNotDisturb,
  XsiDocumentError,
} from '../../shared/xsi/xsi-documents.ts';
import { parseCallLogs } from '../../shared/xsi/call-log-documents.ts';
import { dialString } from '../dial-string.ts';
import type { PbxCallLog, PbxServices, PbxServiceStates } from './pbx-services.ts';
import type { XsiActionsClient } from './xsi-actions-client.ts';

/**
 * The BroadWorks XSI backend (issue #15): the user's Do Not Disturb and Call Forwarding Always read and switched
 * through XSI-Actions (`…/user/<userId>/services/DoNotDisturb|CallForwardingAlways`, §3.5.3.15, §3.5.3.39) over HTTP
 * Basic with the user's id (their SIP address) and password (§3.2.2). Every answer is read with fast-xml-parser
 * (`xsi-documents.ts`); a failure says why — wrong credentials, not allowed, not found, the server's refusal in its
 * own words, unreachable, too slow — and the backend's health follows each exchange.
 */
export class XsiPbxServices implements PbxServices {
  readonly backend = 'xsi';

  constructor(
    private readonly client: XsiActionsClient,
    /** The dial plan a forward-to number is dialled with. */
    private readonly plan: () => PhoneSettings,
  ) {}

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
      const target = after.cfa.target === '' ? '' : dialString(after.cfa.target, this.plan());
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

  /**
   * The user's basic call logs (`GET …/user/<userId>/directories/CallLogs`, §3.5.7.2). Entries that cannot be read
   * are left out; a document with none readable while it had entries is refused as malformed.
   */
  async readCallLogs(): Promise<readonly PbxCallLog[]> {
    const xml = await this.client.request('GET', '/user/{user}/directories/CallLogs');
    return this.#read(() => {
      const { logs, unreadable } = parseCallLogs(xml);
      if (logs.length === 0 && unreadable > 0) throw new XsiDocumentError(`${unreadable} unreadable call log entries`);
      return logs;
    });
  }

  #request(method: 'GET' | 'PUT', service: string, body?: string): Promise<string> {
    return this.client.request(method, `/user/{user}/services/${service}`, body);
  }

  #read<T>(parse: () => T): T {
    return this.client.read(parse);
  }
}
