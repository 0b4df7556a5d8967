import { DEFAULT_ENGINE_OPTIONS, PhoneEngine } from '../../src/engine/phone-engine.ts';
import { createLogger } from '../../src/shared/log.ts';
import type { EngineState } from '../../src/shared/protocol/engine-commands.ts';
import type { RunningLab } from '../../lab/src/start-lab.ts';
import { RecordingRinger, SignalingOnlyMicrophone, SilentCallMedia } from './signaling-only-media.ts';

/** The phone engine in Node (signaling-only media) logged in as the lab office's reception; `onState` sees each state. */
export async function receptionEngineAt(lab: RunningLab, onState: (state: EngineState) => void): Promise<PhoneEngine> {
  const engine = new PhoneEngine(
    { onStateChanged: onState },
    new SilentCallMedia(),
    new RecordingRinger(),
    createLogger('reception'),
    { microphone: new SignalingOnlyMicrophone() },
  );
  const { user, password } = lab.office.reception;
  await engine.login(
    {
      serverUrl: lab.webSocketUrl,
      sipAddress: `${user}@${lab.office.domain}`,
      authorizationUser: '',
      displayName: '',
      outboundProxy: '',
      xsiUrl: '',
    },
    { kind: 'password', password },
    DEFAULT_ENGINE_OPTIONS,
  );
  return engine;
}
