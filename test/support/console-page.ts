/**
 * A user's view of the side panel: finds things by their visible labels and roles, types and clicks. Tests read as
 * what the receptionist does, and stay short.
 */
import type { Page } from 'puppeteer-core';

export interface AccountInput {
  readonly serverUrl: string;
  readonly sipAddress: string;
  readonly password: string;
  readonly authorizationUser?: string;
  readonly displayName?: string;
  readonly rememberMe?: boolean;
  /** The PBX's XSI server (BroadWorks services); plain SIP when absent. */
  readonly xsiUrl?: string;
}

export async function fillLoginForm(page: Page, account: AccountInput): Promise<void> {
  await replaceText(page, '#account-serverUrl', account.serverUrl);
  await replaceText(page, '#account-sipAddress', account.sipAddress);
  await replaceText(page, '#account-authorizationUser', account.authorizationUser ?? '');
  await replaceText(page, '#account-displayName', account.displayName ?? '');
  await replaceText(page, '#account-xsiUrl', account.xsiUrl ?? '');
  await replaceText(page, '#account-password', account.password);
  if (account.rememberMe === true) await page.click('#account-remember');
}

export async function logIn(page: Page, account: AccountInput): Promise<void> {
  await fillLoginForm(page, account);
  await page.click('[data-testid="login-submit"]');
}

/** Selects all text in a field and types over it, as a user would. */
export async function replaceText(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  if (text !== '') await page.type(selector, text);
}

export async function textOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => element.textContent ?? '');
}

/** Waits until the element's text matches. */
export async function waitForText(page: Page, selector: string, pattern: RegExp, timeout = 15_000): Promise<string> {
  const handle = await page.waitForFunction(
    (sel, source, flags) => {
      const text = document.querySelector(sel)?.textContent ?? '';
      return new RegExp(source, flags).test(text) ? text : false;
    },
    // Polling on a timer: the default polls on animation frames, which a background tab never draws.
    { timeout, polling: 100 },
    selector,
    pattern.source,
    pattern.flags,
  );
  return (await handle.jsonValue()) as string;
}

/**
 * The names a directory's list shows, once it shows `count` of them: a list is read again after its directory
 * changed, a moment after the message or count that says so.
 */
export async function directoryNames(page: Page, selector: string, count: number): Promise<string[]> {
  await page.waitForFunction(
    (sel, expected) => document.querySelectorAll(`${sel} .contact__name`).length === expected,
    { polling: 100, timeout: 15_000 },
    selector,
    count,
  );
  return page.$$eval(`${selector} .contact__name`, (items) => items.map((item) => item.textContent ?? ''));
}

export async function registrationStatus(page: Page): Promise<string> {
  return textOf(page, '[data-testid="registration-status"]');
}

/** The receptionist dials `number` from the console, and the far end `peer` takes the call. */
export async function callAndAnswer(panel: Page, peer: Page, number: string): Promise<void> {
  await panel.type('#dial-target', number);
  await panel.keyboard.press('Enter');
  await peer.evaluate(() => window.peer.waitForIncoming(10_000));
  await peer.evaluate(() => window.peer.answer());
}

/** Adds a contact to the Personal directory through its form, as the receptionist does; `isFavorite` stars it too. */
export async function addPersonalContact(
  panel: Page,
  name: string,
  number: string,
  { isFavorite = false }: { isFavorite?: boolean } = {},
): Promise<void> {
  await panel.click('#contacts-tab-personal');
  await panel.waitForSelector('[aria-labelledby="contacts-tab-personal"]');
  await panel.click('[data-testid="contact-add"]');
  await panel.waitForSelector('[data-testid="contact-form"]');
  await panel.type('[data-testid="contact-form-name"]', name);
  await panel.type('[data-testid="contact-form-number"]', number);
  await panel.click('[data-testid="contact-form-save"]');
  await panel.waitForSelector('[data-testid="contact-form"]', { hidden: true });
  if (!isFavorite) return;
  const star = `[data-testid="directory-personal"] [aria-label="${name}"] [data-action="contact-favorite"]`;
  await (await panel.waitForSelector(star))?.click();
  await panel.waitForSelector(`${star}[aria-pressed="true"]`);
}

/**
 * Sends a background command from an extension page, as its UI would (`{ sb: 1, to: 'background', type, payload }`),
 * and returns the answer: for a test or a benchmark to set up what a user or an administrator would.
 */
export function sendToBackground(page: Page, type: string, payload: unknown): Promise<unknown> {
  // Firefox's extension pages have `browser`; Chrome's, `chrome`.
  const send = (message: object) =>
    ((globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome).runtime.sendMessage(message);
  return page.evaluate(send, {
    sb: 1,
    to: 'background',
    type,
    payload,
  } as const);
}
