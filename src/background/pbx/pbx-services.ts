import type { Services } from '../../shared/model/services.ts';

/** The services as the PBX keeps them, for those it keeps (Do Not Disturb, forwarding). */
export interface PbxServiceStates {
  readonly dnd: { readonly isActive: boolean };
  readonly cfa: { readonly isActive: boolean; readonly target: string; readonly hasRingSplash: boolean };
}

/** One call of the user's call logs on the PBX, whatever phone made or took it. */
export interface PbxCallLog {
  /** The PBX's id of the entry. */
  readonly id: string;
  readonly kind: 'placed' | 'received' | 'missed';
  readonly number: string;
  readonly name: string;
  readonly startedAt: number;
}

/**
 * What a hosted PBX keeps, behind one interface (issue #15): switching Do Not Disturb and Call Forwarding Always
 * there, and reading them back; the user's call logs. Two backends: plain SIP (`sip-pbx-services.ts`, the PBX's feature codes, as a desk
 * phone does) and BroadWorks XSI (`xsi-pbx-services.ts`, XSI-Actions over HTTP). The call centers' queues and the
 * monitored users live beside it (`xsi-call-centers.ts`, the engine's XSI event channel), the directories in
 * `contacts/` (an XSI Enterprise source).
 */
export interface PbxServices {
  readonly backend: 'sip' | 'xsi';
  /** Switches on the PBX what changed from `before` to `after` among the services kept there (mode `pbx`). */
  switchServices(before: Services, after: Services): Promise<void>;
  /** The services as the PBX has them now; null when the backend cannot read them (feature codes only switch). */
  readServices(): Promise<PbxServiceStates | null>;
  /** The user's call logs as the PBX keeps them; null when the backend has none (plain SIP: the console's own). */
  readCallLogs(): Promise<readonly PbxCallLog[] | null>;
}
