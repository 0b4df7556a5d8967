import type { PhoneSettings } from '../../shared/model/phone-settings.ts';
import type { Services } from '../../shared/model/services.ts';
import { dialString } from '../dial-string.ts';
import type { PhoneLine } from '../phone-line.ts';
import type { PbxServices } from './pbx-services.ts';

/** How long the console keeps a feature-code call up for the PBX to take it (the "confirmation tone"). */
const FEATURE_CODE_CALL_MS = 3000;

/**
 * The plain-SIP backend: a service kept on the PBX is switched there by dialling its feature access code (with the
 * forward-to number for forwarding), as a desk phone does; the call is hung up once the PBX has had it. It cannot
 * read what the PBX has.
 */
export class SipPbxServices implements PbxServices {
  readonly backend = 'sip';

  constructor(
    private readonly phone: PhoneLine,
    private readonly plan: () => PhoneSettings,
  ) {}

  async switchServices(before: Services, after: Services): Promise<void> {
    const codes = after.featureCodes;
    const dials: string[] = [];
    if (after.dnd.mode === 'pbx' && after.dnd.isActive !== before.dnd.isActive)
      dials.push(after.dnd.isActive ? codes.dndOn : codes.dndOff);
    const cfaChanged =
      after.cfa.isActive !== before.cfa.isActive || (after.cfa.isActive && after.cfa.target !== before.cfa.target);
    if (after.cfa.mode === 'pbx' && cfaChanged)
      dials.push(after.cfa.isActive ? codes.cfaOn + dialString(after.cfa.target, this.plan()) : codes.cfaOff);
    for (const code of dials) {
      const { callId } = await this.phone.send('engine/dial', { target: code });
      setTimeout(
        () => void this.phone.send('engine/call-action', { callId, action: 'hang-up' }).catch(() => undefined),
        FEATURE_CODE_CALL_MS,
      );
    }
  }

  readServices(): Promise<null> {
    return Promise.resolve(null);
  }

  /** A plain SIP PBX has no call logs to read: the console's own history is the record. */
  readCallLogs(): Promise<null> {
    return Promise.resolve(null);
  }
}
