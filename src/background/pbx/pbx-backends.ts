import type { Logger } from '../../shared/log.ts';
import { XsiUserCalls } from './xsi-user-calls.ts';
import type { PbxUserServices } from '../../shared/model/lamp.ts';
import { PLAIN_SIP_BACKEND } from '../../shared/model/pbx-backend.ts';
import type { Services } from '../../shared/model/services.ts';
import { MAX_MONITORED_USERS, type XsiWatchRequest } from '../../shared/protocol/engine-commands.ts';
import type { PhoneLine } from '../phone-line.ts';
import type { SettingsStore } from '../settings-store.ts';
import type { StateHub } from '../state-hub.ts';
import type { PbxServices } from './pbx-services.ts';
import { SipPbxServices } from './sip-pbx-services.ts';
import { XsiPbxServices } from './xsi-pbx-services.ts';
import { XsiActionsClient } from './xsi-actions-client.ts';
import { XsiCallCenters } from './xsi-call-centers.ts';

/**
 * The PBX services backend of the account in use: BroadWorks XSI when the account names an XSI server, plain SIP
 * otherwise. Keeps the `pbx` slice (which backend, and its health after each exchange) and, with XSI, brings the
 * services the PBX keeps into the console at login: what the server says is what the console shows.
 */
export class PbxBackends {
  readonly #sip: SipPbxServices;
  readonly #xsi: XsiPbxServices;
  readonly #xsiClient: XsiActionsClient;
  /** The call centers' queues (XSI only: plain SIP has no queue of the PBX to read). */
  readonly callCenters: XsiCallCenters;
  /** The user's calls on their other phones (XSI call control). */
  readonly userCalls: XsiUserCalls;

  constructor(
    private readonly hub: StateHub,
    private readonly store: SettingsStore,
    phone: PhoneLine,
    private readonly log: Logger,
  ) {
    this.#sip = new SipPbxServices(phone, () => hub.state.phone);
    // One client for every XSI-Actions request: the user's credentials, and the backend's health after each.
    this.#xsiClient = new XsiActionsClient({
      account: () => hub.state.account?.settings ?? null,
      password: () => store.loadSessionPassword(),
      onHealth: (state) => hub.setSlice('pbx', state),
    });
    this.#xsi = new XsiPbxServices(this.#xsiClient, () => hub.state.phone);
    this.userCalls = new XsiUserCalls(this.#xsiClient);
    // A queued call is retrieved to the receptionist's own line: the user part of their address.
    this.callCenters = new XsiCallCenters(
      this.#xsiClient,
      () => (hub.state.account?.settings.sipAddress ?? '').split('@')[0] ?? '',
    );
    hub.onChange((state, key) => {
      if (key !== 'account') return;
      const backend = this.current().backend;
      if (state.pbx.backend !== backend)
        hub.setSlice(
          'pbx',
          backend === 'xsi' ? { ...PLAIN_SIP_BACKEND, backend, status: 'unknown' } : PLAIN_SIP_BACKEND,
        );
    });
  }

  /**
   * What the engine's XSI event channel follows: the chosen queues, the watched colleagues' services (their lines
   * as XSI user ids: `201` → `201@<the account's domain>`), and the user's own services and calls (the calls on
   * their other phones; the services matter when Do Not Disturb or forwarding is kept on the PBX). Null without XSI
   * or this session's password.
   */
  async xsiWatch(): Promise<XsiWatchRequest | null> {
    const queues = this.hub.state.queuePane.watched;
    const lines = this.hub.state.contacts.watchedLines.slice(0, MAX_MONITORED_USERS);
    if (this.current().backend !== 'xsi') return null;
    const domain = (this.hub.state.account?.settings.sipAddress ?? '').split('@')[1] ?? '';
    try {
      const { xsiUrl, userId, authorization } = await this.#xsiClient.credentials();
      return {
        xsiUrl,
        authorization,
        queues: [...queues],
        ownUserId: userId,
        monitoredUsers: lines.map((line) => ({
          line,
          userId: line.includes('@') || domain === '' ? line : `${line}@${domain}`,
        })),
      };
    } catch {
      return null;
    }
  }

  current(): PbxServices {
    return (this.hub.state.account?.settings.xsiUrl ?? '') === '' ? this.#sip : this.#xsi;
  }

  /**
   * What the PBX said over XSI-Events of the user's own Do Not Disturb and forwarding (changed from a desk phone, the
   * PBX's portal): when that differs from what the console shows, they are read again as the PBX has them (the event
   * carries no ring splash). A background that wakes is told the engine's last word again, and asks nothing then.
   */
  onOwnServicesSaid(own: PbxUserServices): void {
    const { dnd, cfa } = this.hub.state.services;
    const forwarding =
      cfa.isActive !== (own.forwardTo !== null) || (own.forwardTo !== null && own.forwardTo !== cfa.target);
    if ((dnd.mode === 'pbx' && dnd.isActive !== own.isDoNotDisturb) || (cfa.mode === 'pbx' && forwarding))
      void this.syncFromPbx();
  }

  /**
   * Reads the services the PBX keeps and shows them as the PBX has them (those set to be kept on the PBX); at login,
   * and on demand. A failure is in the `pbx` slice; the services stay as they were.
   */
  async syncFromPbx(): Promise<void> {
    let remote;
    try {
      remote = await this.current().readServices();
    } catch (error) {
      this.log.warn('could not read the services from the PBX', error);
      return;
    }
    if (remote === null) return;
    const services = this.hub.state.services;
    const next: Services = {
      ...services,
      dnd: services.dnd.mode === 'pbx' ? { ...services.dnd, isActive: remote.dnd.isActive } : services.dnd,
      cfa:
        services.cfa.mode === 'pbx'
          ? {
              ...services.cfa,
              isActive: remote.cfa.isActive,
              target: remote.cfa.target || services.cfa.target,
              hasRingSplash: remote.cfa.hasRingSplash,
            }
          : services.cfa,
    };
    if (JSON.stringify(next) === JSON.stringify(services)) return;
    await this.store.saveServices(next);
    this.hub.setSlice('services', next);
  }
}
