import type { Handlers } from '../shared/protocol/command-contract.ts';
import type { EngineCommands } from '../shared/protocol/engine-commands.ts';
import type { PhoneEngine } from './phone-engine.ts';

/**
 * The engine's side of every engine command, written once for both hosts: Chrome's offscreen document serves them
 * to the service worker's messages, Firefox's background page calls them directly. A new engine command is one entry
 * in `EngineCommands` and one line here; the background reaches it with `phone.send(type, request)`.
 */
export function engineHandlers(engine: PhoneEngine) {
  return {
    'engine/login': ({ account, credential, options }) => engine.login(account, credential, options),
    'engine/configure': (options) => engine.configure(options),
    'engine/logout': () => engine.logout(),
    'engine/state': () => engine.state,
    'engine/history-written': ({ ids }) => engine.historyWritten(ids),
    'engine/dismiss-interruption': () => engine.dismissInterruption(),
    'engine/dial': async ({ target }) => ({ callId: await engine.dial(target) }),
    'engine/call-action': ({ callId, action }) => engine.act(callId, action),
    'engine/call-stats': ({ callId }) => engine.stats(callId),
    'engine/transfer': ({ callId, target }) => engine.transfer(callId, target),
    'engine/conference': (request) => engine.conference(request),
    'engine/dtmf': ({ callId, digits, mode }) => engine.sendDtmf(callId, digits, mode),
    'engine/watch-xsi': ({ watch }) => engine.watchXsi(watch),
    'engine/reception-queue-move': ({ callId, index }) => engine.moveInReceptionQueue(callId, index),
    'engine/pick-up': async ({ pickup, callerName }) => ({ callId: await engine.pickUp(pickup, callerName) }),
  } satisfies Handlers<EngineCommands>;
}
