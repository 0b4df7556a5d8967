import type { Services } from '../../shared/model/services.ts';

/** The services as the PBX keeps them, for those it keeps (Do Not Disturb, forwarding). */
export interface PbxServiceStates {
  readonly dnd: { readonly isActive: boolean };
  readonly cfa: { readonly isActive: boolean; readonly target: string; readonly hasRingSplash: boolean };
}

/**
 * What a hosted PBX keeps, behind one interface (issue #15): switching Do Not Disturb and Call Forwarding Always
 * there, and reading them back. Two backends: plain SIP (`sip-pbx-services.ts`, the PBX's feature codes, as a desk
 * phone does) and BroadWorks XSI (`xsi-pbx-services.ts`, XSI-Actions over HTTP). Directories, call logs, call-center
 * queues and monitored users join this interface as they are built.
 */
export interface PbxServices {
  readonly backend: 'sip' | 'xsi';
  /** Switches on the PBX what changed from `before` to `after` among the services kept there (mode `pbx`). */
  switchServices(before: Services, after: Services): Promise<void>;
  /** The services as the PBX has them now; null when the backend cannot read them (feature codes only switch). */
  readServices(): Promise<PbxServiceStates | null>;
}
