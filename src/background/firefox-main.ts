import { AudioElementCallMedia } from '../engine/media/call-media.ts';
import { PhoneEngine } from '../engine/phone-engine.ts';
import { BrowserMicrophone } from '../engine/media/microphone.ts';
import { WebAudioRinger } from '../engine/media/ringer.ts';
import { createLogger, reportUncaughtErrors } from '../shared/log.ts';
import { EngineStateSink } from './engine-state-sink.ts';
import { InPagePhoneLine } from './in-page-phone-line.ts';
import { SettingsStore } from './settings-store.ts';
import { startBackground } from './start-background.ts';
import { StateHub } from './state-hub.ts';

// Firefox's background page has a DOM and WebRTC, so it hosts the phone engine itself.
const log = createLogger('background');
reportUncaughtErrors(log);
const hub = new StateHub(log);
const sink = new EngineStateSink(hub);
const engine = new PhoneEngine(
  { onStateChanged: (state) => sink.apply(state) },
  new AudioElementCallMedia(document),
  new WebAudioRinger(document),
  createLogger('engine'),
  { microphone: new BrowserMicrophone(navigator.mediaDevices), journal: localStorage },
);
startBackground({ log, hub, store: new SettingsStore(log), sink, phone: new InPagePhoneLine(engine) });
