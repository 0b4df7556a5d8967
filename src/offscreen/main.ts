import { AudioElementCallMedia } from '../engine/media/call-media.ts';
import { PhoneEngine } from '../engine/phone-engine.ts';
import { BrowserMicrophone } from '../engine/media/microphone.ts';
import { WebAudioRinger } from '../engine/media/ringer.ts';
import { browser } from '../platform/browser.ts';
import { createLogger, reportUncaughtErrors } from '../shared/log.ts';
import type { Handlers } from '../shared/protocol/command-contract.ts';
import { EngineCommands, EngineEvents, type EngineState } from '../shared/protocol/engine-commands.ts';
import { sendCommand, serveCommands } from '../shared/protocol/messenger.ts';

// Chrome's offscreen document: a thin host for the phone engine. It answers the service worker's commands and tells
// it every state change; a message to a stopped service worker starts it again.
const log = createLogger('engine');
reportUncaughtErrors(log);

const engine = new PhoneEngine({ onStateChanged: publish }, new AudioElementCallMedia(document), new WebAudioRinger(document), log, {
  microphone: new BrowserMicrophone(navigator.mediaDevices),
});

function publish(state: EngineState): void {
  void sendCommand('background', EngineEvents, 'engine/state-changed', state).then((result) => {
    if (!result.ok) log.debug('the background did not take a state update', result.error.code);
  });
}

serveCommands({
  target: 'engine',
  contract: EngineCommands,
  log,
  isAllowed: (sender) => sender.kind === 'extension-page' && sender.url === browser.runtime.getURL('background.js'),
  handlers: {
    'engine/login': ({ account, credential, options }) => engine.login(account, credential, options),
    'engine/configure': (options) => engine.configure(options),
    'engine/logout': () => engine.logout(),
    'engine/state': () => engine.state,
    'engine/history-written': ({ ids }) => engine.historyWritten(ids),
    'engine/dial': async ({ target }) => ({ callId: await engine.dial(target) }),
    'engine/call-action': ({ callId, action }) => engine.act(callId, action),
    'engine/call-stats': ({ callId }) => engine.stats(callId),
    'engine/transfer': ({ callId, target }) => engine.transfer(callId, target),
    'engine/conference': (request) => engine.conference(request),
    'engine/dtmf': ({ callId, digits, mode }) => engine.sendDtmf(callId, digits, mode),
  } satisfies Handlers<EngineCommands>,
});
