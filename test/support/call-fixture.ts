import type { Call, CallId } from '../../src/shared/model/call.ts';

/** A call as the engine models it: an incoming call ringing, with what a test changes in `patch`. */
export function ringingCall(id: string, patch: Partial<Call> = {}): Call {
  return {
    id: id as CallId,
    direction: 'incoming',
    status: 'Alerting',
    remoteName: '',
    remoteNumber: id,
    createdAt: 0,
    answeredAt: null,
    isMuted: false,
    transferringTo: null,
    recalledFrom: null,
    onQueueMusic: false,
    endReason: null,
    signaling: null,
    ...patch,
  };
}
