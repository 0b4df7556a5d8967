import { AudioElementCallMedia } from '../engine/media/call-media.ts';
import { PhoneEngine } from '../engine/phone-engine.ts';
import { engineHandlers } from '../engine/engine-handlers.ts';
import { BrowserMicrophone } from '../engine/media/microphone.ts';
import { WebAudioRinger } from '../engine/media/ringer.ts';
import { browser, type Runtime } from '../platform/browser.ts';
import { createLogger, reportUncaughtErrors } from '../shared/log.ts';
import {
  ENGINE_HOST_PORT,
  EngineCommands,
  EngineEvents,
  type EngineState,
} from '../shared/protocol/engine-commands.ts';
import { emptyEngineState, engineDelta } from '../shared/protocol/engine-delta.ts';
import { sendCommand, serveCommands } from '../shared/protocol/messenger.ts';

// Chrome's offscreen document: a thin host for the phone engine. It answers the service worker's commands and tells
// it every state change, as the difference from the last (a background that cannot follow asks for the whole state);
// a message to a stopped service worker starts it again.
const log = createLogger('engine');
reportUncaughtErrors(log);

/** The state the background was last told of: each change goes as the difference from it. */
let published: EngineState | null = null;

const engine = new PhoneEngine(
  { onStateChanged: publish },
  new AudioElementCallMedia(document),
  new WebAudioRinger(document),
  log,
  {
    microphone: new BrowserMicrophone(navigator.mediaDevices),
    journal: localStorage,
  },
);

/**
 * A port open to the service worker while it is awake: if this page goes (Chrome closed it, it crashed), the worker
 * hears it at once and starts another engine (`engine-watch.ts`). A sleeping worker closes it; it is opened again
 * with the next message either way, never just to keep the worker awake.
 */
let hostPort: Runtime.Port | null = null;
function keepHostPortOpen(): void {
  if (hostPort !== null) return;
  hostPort = browser.runtime.connect({ name: ENGINE_HOST_PORT });
  hostPort.onDisconnect.addListener(() => (hostPort = null));
}
keepHostPortOpen();
// The worker spoke (it woke, or was awake): it hears this page's end from now on.
browser.runtime.onMessage.addListener(() => {
  keepHostPortOpen();
  return undefined;
});

function publish(state: EngineState): void {
  keepHostPortOpen();
  const delta = engineDelta(published ?? emptyEngineState(state.instanceId), state);
  published = state;
  void sendCommand('background', EngineEvents, 'engine/state-changed', delta).then((result) => {
    if (!result.ok) log.debug('the background did not take a state update', result.error.code);
  });
}

serveCommands({
  target: 'engine',
  contract: EngineCommands,
  log,
  isAllowed: (sender) => sender.kind === 'extension-page' && sender.url === browser.runtime.getURL('background.js'),
  handlers: engineHandlers(engine),
  isDoneOncePerRequest: true,
});
