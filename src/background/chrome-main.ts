import { createLogger, reportUncaughtErrors } from '../shared/log.ts';
import { EngineStateSink } from './engine-state-sink.ts';
import { OffscreenPhoneLine } from './offscreen-phone-line.ts';
import { SettingsStore } from './settings-store.ts';
import { startBackground } from './start-background.ts';
import { StateHub } from './state-hub.ts';

// Chrome's service worker: the hub for browser events and APIs; the phone itself lives in the offscreen document.
const log = createLogger('background');
reportUncaughtErrors(log);
const hub = new StateHub(log);
const sink = new EngineStateSink(hub);
startBackground({ log, hub, store: new SettingsStore(log), sink, phone: new OffscreenPhoneLine(sink, log) });
