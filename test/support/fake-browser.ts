/**
 * A small in-memory stand-in for the WebExtension API the background uses, for unit tests of its wiring (wake-up
 * restore, event listeners) in Node. Storage is real key-value storage; events keep their listeners and can be
 * fired; anything else resolves to nothing. `stopWorker()` forgets every listener and `storage.local`/`session`
 * stay, as when Chrome stops the service worker. The real extension is driven in Chromium by the e2e tests.
 */
type Listener = (...args: never[]) => unknown;

export class FakeEvent {
  readonly listeners: Listener[] = [];
  addListener(listener: Listener): void {
    this.listeners.push(listener);
  }
  removeListener(listener: Listener): void {
    this.listeners.splice(this.listeners.indexOf(listener), 1);
  }
  hasListener(listener: Listener): boolean {
    return this.listeners.includes(listener);
  }
  /** Dispatches as the browser does: to every listener, synchronously. */
  fire(...args: unknown[]): void {
    for (const listener of [...this.listeners]) (listener as (...values: unknown[]) => unknown)(...args);
  }
}

class FakeStorageArea {
  readonly data = new Map<string, unknown>();
  /** While set, reads wait for it (see `holdReads`). */
  #held: Promise<void> | null = null;

  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    if (this.#held !== null) await this.#held;
    const wanted =
      keys === undefined || keys === null ? [...this.data.keys()] : typeof keys === 'string' ? [keys] : keys;
    const result: Record<string, unknown> = {};
    for (const key of wanted) if (this.data.has(key)) result[key] = structuredClone(this.data.get(key));
    return result;
  }

  /** Reads answer only once the returned function is called (Chromium's managed storage at a browser's start). */
  holdReads(): () => void {
    let release = (): void => undefined;
    this.#held = new Promise((resolve) => (release = resolve));
    return () => {
      this.#held = null;
      release();
    };
  }
  set(items: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(items)) this.data.set(key, structuredClone(value));
    return Promise.resolve();
  }
  remove(keys: string | string[]): Promise<void> {
    for (const key of typeof keys === 'string' ? [keys] : keys) this.data.delete(key);
    return Promise.resolve();
  }
  setAccessLevel(): Promise<void> {
    return Promise.resolve();
  }
}

const events = new Map<string, FakeEvent>();
const RESULTS: Record<string, unknown> = {
  'permissions.getAll': { origins: [], permissions: [] },
  'tabs.query': [],
  'scripting.getRegisteredContentScripts': [],
  'runtime.getContexts': [],
};

/** An API namespace: `onX` members are events, the rest are functions that resolve to nothing (or a set value). */
function namespace(path: string, fixed: Record<string, unknown> = {}): unknown {
  return new Proxy(fixed, {
    get(target, property) {
      if (typeof property !== 'string') return undefined;
      if (property in target) return target[property];
      const name = `${path}.${property}`;
      if (/^on[A-Z]/.test(property)) {
        if (!events.has(name)) events.set(name, new FakeEvent());
        return events.get(name);
      }
      // contextMenus.create answers at once with the id; every other call is asynchronous.
      return (..._args: unknown[]) =>
        name === 'contextMenus.create' ? `menu:${Math.random()}` : Promise.resolve(RESULTS[name]);
    },
  });
}

function eventAt(name: string): FakeEvent {
  const event = events.get(name) ?? new FakeEvent();
  events.set(name, event);
  return event;
}

export const storage = {
  local: new FakeStorageArea(),
  session: new FakeStorageArea(),
  managed: new FakeStorageArea(),
  onChanged: eventAt('storage.onChanged'),
};
const EXTENSION_ORIGIN = 'chrome-extension://switchboard-test/';

export const fakeBrowser = {
  storage,
  runtime: namespace('runtime', {
    id: 'switchboard-test',
    getURL: (path: string) => EXTENSION_ORIGIN + path.replace(/^\//, ''),
  }),
  i18n: namespace('i18n', { getUILanguage: () => 'en-US', getMessage: (key: string) => key }),
  notifications: namespace('notifications'),
  contextMenus: namespace('contextMenus'),
  commands: namespace('commands'),
  tabs: namespace('tabs'),
  windows: namespace('windows'),
  scripting: namespace('scripting'),
  permissions: namespace('permissions'),
  action: namespace('action'),
  sidePanel: namespace('sidePanel'),
  alarms: namespace('alarms'),
};

/**
 * `src/platform/browser.ts` as unit tests mock it: the fake browser, whose toolbar button is `action`, with neither
 * Chrome's offscreen documents nor its side panel (`vi.mock(path, async () => (await import(…)).fakePlatform())`).
 */
export function fakePlatform() {
  return {
    browser: fakeBrowser,
    toolbarButton: () => fakeBrowser.action,
    hasOffscreenApi: () => false,
    hasSidePanelApi: () => false,
  };
}

/** The event at `path` (`commands.onCommand`, `notifications.onButtonClicked`…), to fire it. */
export function browserEvent(path: string): FakeEvent {
  const event = events.get(path);
  if (event === undefined) throw new Error(`nothing listens to ${path}`);
  return event;
}

/** Chrome stops the service worker: its listeners are gone; storage stays. */
export function stopWorker(): void {
  events.clear();
}

/** A fresh browser profile. */
export function resetFakeBrowser(): void {
  events.clear();
  storage.local.data.clear();
  storage.session.data.clear();
  storage.managed.data.clear();
}

/** Chrome's own `chrome` global, as far as our code feature-detects it. */
export function installChromeGlobal(): void {
  (globalThis as Record<string, unknown>)['chrome'] = fakeBrowser;
}
