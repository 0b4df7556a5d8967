/**
 * The few `chrome.*` calls the content script and the side panel's rows make, for DOM tests that run their real code
 * in happy-dom (unit tests of logic only: the real extension is driven in Chromium by the e2e tests). Messages come
 * back as their key and substitutions, and every message sent is recorded.
 */
export interface ExtensionApiStub {
  readonly sent: unknown[];
  reply: (message: unknown) => unknown;
}

export function installExtensionApiStub(): ExtensionApiStub {
  const stub: ExtensionApiStub = { sent: [], reply: () => undefined };
  (globalThis as Record<string, unknown>)['chrome'] = {
    i18n: {
      getMessage: (key: string, substitutions?: string[]) => [key, ...(substitutions ?? [])].join(' '),
      getUILanguage: () => 'en',
    },
    runtime: {
      // webextension-polyfill (the extension pages' `browser`) loads only where the runtime has an id.
      id: 'switchboard-test',
      sendMessage: (message: unknown) => {
        stub.sent.push(message);
        return Promise.resolve(stub.reply(message));
      },
      onMessage: { addListener: () => undefined },
    },
  };
  return stub;
}
