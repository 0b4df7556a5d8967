import { Registerer, RegistererState, UserAgent, type Invitation } from 'sip.js';
import { afterEach, beforeEach } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS, PhoneEngine } from '../../src/engine/phone-engine.ts';
import type { Call } from '../../src/shared/model/call.ts';
import { createLogger } from '../../src/shared/log.ts';
import type { EngineOptions, EngineState } from '../../src/shared/protocol/engine-commands.ts';
import { IN_MEMORY_DOMAIN, IN_MEMORY_PASSWORD, IN_MEMORY_URL, InMemorySipNetwork } from './in-memory-sip.ts';
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

/**
 * A bare sip.js phone of the in-memory network as `user`, registered: it does only what `onInvite` does with a call
 * (answer it, refuse its transfers…) and never reconnects by itself. `agents` collects it, for the clean-up.
 */
export async function bareSipPhone(
  user: string,
  agents: UserAgent[],
  onInvite: (invitation: Invitation) => void,
): Promise<UserAgent> {
  const agent = new UserAgent({
    uri: UserAgent.makeURI(`sip:${user}@${IN_MEMORY_DOMAIN}`),
    transportOptions: { server: IN_MEMORY_URL },
    authorizationUsername: user,
    authorizationPassword: IN_MEMORY_PASSWORD,
    sessionDescriptionHandlerFactory: new SignalingOnlyMicrophone().sessionDescriptionHandlerFactory,
    logLevel: 'error',
    delegate: { onInvite },
  });
  agents.push(agent);
  await agent.start();
  const registerer = new Registerer(agent);
  const registered = new Promise<void>((resolve) =>
    registerer.stateChange.addListener((state) => state === RegistererState.Registered && resolve()),
  );
  await registerer.register();
  await registered;
  return agent;
}

/**
 * A unit test file's in-memory network with its phone engines and bare phones, installed before each test and all
 * logged out, stopped and uninstalled after it.
 */
export function useInMemoryPhones() {
  const network = new InMemorySipNetwork();
  const engines: PhoneEngine[] = [];
  const agents: UserAgent[] = [];
  beforeEach(() => network.install());
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.logout()));
    // A bare phone cut from its server would wait for its un-REGISTER: not waited for.
    for (const agent of agents.splice(0)) void agent.stop().catch(() => undefined);
    network.uninstall();
  });
  return {
    network,
    phone: (user: string) => enginePhone(user, engines),
    barePhone: (user: string, onInvite: (invitation: Invitation) => void) => bareSipPhone(user, agents, onInvite),
  };
}

/** The one call of a state; throws when there is none or more. */
export function onlyCall(state: EngineState): Call {
  const call = state.calls[0];
  if (call === undefined || state.calls.length !== 1) throw new Error(`not one call: ${JSON.stringify(state.calls)}`);
  return call;
}

/** Alice calls the receptionist, who answers: two engines of `phone`, talking; each side's call id. */
export async function aliceTalkingToReception(phone: (user: string) => ReturnType<typeof enginePhone>) {
  const alice = phone('alice');
  const reception = phone('reception');
  await Promise.all([alice.login(), reception.login()]);
  const aliceCall = await alice.engine.dial('reception');
  const ringing = await reception.until((state) => state.calls[0]?.status === 'Alerting', 'ringing');
  const receptionCall = onlyCall(ringing).id;
  await reception.engine.act(receptionCall, 'answer');
  await alice.until((state) => state.calls[0]?.status === 'Active', 'alice connected');
  return { alice, reception, aliceCall, receptionCall };
}
