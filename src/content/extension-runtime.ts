import type { ClickToCallCommands } from '../shared/protocol/click-to-call-commands.ts';
import type { CommandRequest, CommandType } from '../shared/protocol/command-contract.ts';
import { isAcceptedReply } from '../shared/protocol/page-settings-guards.ts';

/**
 * The little of the WebExtension API the content script uses, without the polyfill: it runs in every page, so every
 * kilobyte counts. Both browsers give promise-returning `runtime.sendMessage` here (Chrome in Manifest V3, Firefox
 * always under `browser`).
 */
interface RuntimeApi {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: { addListener(listener: (message: unknown) => void): void };
}
interface I18nApi {
  getMessage(key: string, substitutions?: string[]): string;
}
interface ExtensionApi {
  runtime: RuntimeApi;
  i18n: I18nApi;
}

const api =
  (globalThis as { browser?: ExtensionApi }).browser ?? (globalThis as unknown as { chrome: ExtensionApi }).chrome;

/**
 * Sends a command to the background; resolves with its value when `isResponse` accepts it, else (refused,
 * unreachable, or no `isResponse` asked for) with null. The check is passed in, not taken from the contract, so the
 * request schemas stay out of this script.
 */
export async function sendToBackground<K extends CommandType<ClickToCallCommands>, R>(
  type: K,
  request: CommandRequest<ClickToCallCommands, K>,
  isResponse: ((value: unknown) => value is R) | null,
): Promise<R | null> {
  try {
    const reply = await api.runtime.sendMessage({ sb: 1, to: 'background', type, payload: request });
    return isResponse !== null && isAcceptedReply(reply, isResponse) ? reply.value : null;
  } catch {
    // The extension was reloaded or updated under this page: this script is orphaned and can do nothing more.
    return null;
  }
}

export function onBackgroundMessage(listener: (message: unknown) => void): void {
  api.runtime.onMessage.addListener(listener);
}

/** A string in the browser's language (the content script has no access to the console's language choice). */
export function message(key: string, substitutions?: string[]): string {
  return api.i18n.getMessage(key, substitutions) || key;
}
