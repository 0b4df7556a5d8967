import { DEFAULT_ENGINE_OPTIONS, PhoneEngine } from '../../src/engine/phone-engine.ts';
import { createLogger } from '../../src/shared/log.ts';
import type { EngineOptions, EngineState } from '../../src/shared/protocol/engine-commands.ts';
import { IN_MEMORY_DOMAIN, IN_MEMORY_PASSWORD, IN_MEMORY_URL } from './in-memory-sip.ts';
import { RecordingRinger, SignalingOnlyMicrophone, SilentCallMedia } from './signaling-only-media.ts';

/**
 * A phone engine of the in-memory network (`in-memory-sip.ts`) as `user`, for unit tests of its flows: `until` waits
 * for a state, `login` registers it. `engines` collects it, for the test's clean-up to log out.
 */
export function enginePhone(user: string, engines: PhoneEngine[], options: EngineOptions = DEFAULT_ENGINE_OPTIONS) {
  let latest: EngineState | null = null;
  const microphone = new SignalingOnlyMicrophone();
  const ringer = new RecordingRinger();
  const engine = new PhoneEngine(
    { onStateChanged: (state) => (latest = state) },
    new SilentCallMedia(),
    ringer,
    createLogger(`flow-${user}`),
    { microphone },
  );
  engines.push(engine);
  const until = async (predicate: (state: EngineState) => boolean, what: string): Promise<EngineState> => {
    const deadline = Date.now() + 5000;
    while (latest === null || !predicate(latest)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(latest)}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return latest;
  };
  const login = (password = IN_MEMORY_PASSWORD) =>
    engine.login(
      {
        serverUrl: IN_MEMORY_URL,
        sipAddress: `${user}@${IN_MEMORY_DOMAIN}`,
        authorizationUser: '',
        displayName: '',
        outboundProxy: '',
        xsiUrl: '',
      },
      { kind: 'password', password },
      options,
    );
  return { engine, until, login, microphone, ringer };
}
