/**
 * Runs in a Chromium page (bundled by `state-delta-bench.ts`): the real code of each hop a change takes, with 1,000
 * live calls and one of them changing. Engine host: the delta. Background: validating the message, the sink, the
 * hub's fan-out to one port. Side panel: validating the patch and applying it to the mirror. Beside it, the way of
 * the first half (the whole state each time) in the same page.
 */
import * as v from 'valibot';
import { EngineStateSink } from '../src/background/engine-state-sink.ts';
import { StateHub } from '../src/background/state-hub.ts';
import type { Runtime } from '../src/platform/browser.ts';
import { createLogger } from '../src/shared/log.ts';
import type { AppState } from '../src/shared/model/app-state.ts';
import type { Call, CallId } from '../src/shared/model/call.ts';
import { EngineStateSchema, type EngineState } from '../src/shared/protocol/engine-commands.ts';
import { EngineDeltaSchema, emptyEngineState, engineDelta } from '../src/shared/protocol/engine-delta.ts';
import { applyStateMessage, parseStatePortMessage, type StatePortMessage } from '../src/shared/protocol/state-port.ts';

const LIVE = 1000;
const ROUNDS = 2000;

function call(index: number, status: Call['status'] = 'Held'): Call {
  return {
    id: `call-${index}` as CallId,
    direction: 'incoming',
    status,
    remoteName: `Caller ${index}`,
    remoteNumber: `+3314000${String(index).padStart(4, '0')}`,
    createdAt: 1_790_000_000_000 + index,
    answeredAt: 1_790_000_000_500 + index,
    isMuted: false,
    transferringTo: null,
    recalledFrom: null,
    onQueueMusic: false,
    endReason: null,
    signaling: {
      from: `<sip:+3314000${index}@pbx.example>;tag=${index}`,
      pAssertedIdentity: null,
      callId: `c-${index}`,
    },
  };
}

/**
 * The mean: a page's clock is coarsened (100 µs steps without cross-origin isolation), so a single change reads 0 or
 * 0.1 ms; the mean over hundreds of changes averages the steps out, where a median would only repeat one of them.
 */
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

function measure(): Record<string, number> {
  const log = createLogger('bench');
  log.info = () => undefined;
  const hub = new StateHub(log);
  const sink = new EngineStateSink(hub);
  let uiMirror: AppState | null = null;
  let lastMessage: unknown = null;
  const port = {
    postMessage: (message: unknown) => (lastMessage = structuredClone(message)),
    onDisconnect: { addListener: () => undefined },
  } as unknown as Runtime.Port;
  hub.attach(port);
  uiMirror = applyStateMessage(null, parseStatePortMessage(lastMessage) as StatePortMessage);

  let state: EngineState = {
    ...emptyEngineState('bench'),
    revision: 0,
    calls: Array.from({ length: LIVE }, (_unused, index) => call(index)),
  };
  sink.apply(state);
  uiMirror = applyStateMessage(uiMirror, parseStatePortMessage(lastMessage) as StatePortMessage);

  const times = {
    engine: [] as number[],
    background: [] as number[],
    sidePanel: [] as number[],
    wholeEngine: [] as number[],
    wholeBackground: [] as number[],
    wholeSidePanel: [] as number[],
  };
  for (let round = 0; round < ROUNDS; round++) {
    // One call changes (held ↔ active), as when the receptionist takes one back.
    const index = round % LIVE;
    const changed = call(index, round % 2 === 0 ? 'Active' : 'Held');
    const next: EngineState = {
      ...state,
      revision: state.revision + 1,
      calls: state.calls.map((entry, at) => (at === index ? changed : entry)),
    };

    let start = performance.now();
    const message = structuredClone(engineDelta(state, next)); // the engine host: the delta, then the message copy
    times.engine.push(performance.now() - start);
    start = performance.now();
    sink.applyDelta(v.parse(EngineDeltaSchema, message)); // the background: validate, follow, fan out
    times.background.push(performance.now() - start);
    start = performance.now();
    uiMirror = applyStateMessage(uiMirror, parseStatePortMessage(lastMessage) as StatePortMessage); // the side panel
    times.sidePanel.push(performance.now() - start);

    // The first half's way, for comparison: the whole state sent, validated and applied each time.
    start = performance.now();
    const whole = structuredClone(next);
    times.wholeEngine.push(performance.now() - start);
    start = performance.now();
    const validated = v.parse(EngineStateSchema, whole);
    const patch = structuredClone({ kind: 'patch', key: 'calls', value: validated.calls });
    times.wholeBackground.push(performance.now() - start);
    start = performance.now();
    applyStateMessage(uiMirror, parseStatePortMessage(patch) as StatePortMessage);
    times.wholeSidePanel.push(performance.now() - start);
    state = next;
  }
  if (JSON.stringify(uiMirror?.calls) !== JSON.stringify(state.calls))
    throw new Error('the mirror drifted from the engine');
  return Object.fromEntries(Object.entries(times).map(([key, values]) => [key, mean(values.slice(ROUNDS / 4))]));
}

(globalThis as { runStateDeltaBench?: () => Record<string, number> }).runStateDeltaBench = measure;
