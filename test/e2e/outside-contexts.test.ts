import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TargetType, type Page } from 'puppeteer-core';
import { waitForText } from '../support/console-page.ts';
import { usePhoneLabWithWebPages } from '../support/phone-lab.ts';

const INTRUDER = fileURLToPath(new URL('../fixtures/intruder-extension', import.meta.url));
const LINKS = 'a.switchboard-number';

interface Attempt {
  readonly answer?: unknown;
  readonly refused?: string;
}

/**
 * Who may talk to the extension: its own pages, and its content script for click-to-call only. Another extension in
 * the same browser, a web page, and a content script a page has subverted (its isolated world driven through the
 * DevTools protocol, as a compromised renderer could) are refused: no call placed at Kamailio, no state read.
 */
describe('messages from outside the extension', () => {
  const env = usePhoneLabWithWebPages({ grantedSites: ['http://127.0.0.1/*'], otherExtensions: [INTRUDER] });

  const DIAL = { sb: 1, to: 'background', type: 'call/dial', payload: { target: '+33123456789' } };
  const LOGOUT = { sb: 1, to: 'background', type: 'account/logout', payload: { saveWorkspace: false } };

  it('refuses another extension’s commands and state port', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    const invites = env.lab.kamailio.requestCount('INVITE');
    const target = await env.session.browser.waitForTarget(
      (candidate) => candidate.type() === TargetType.SERVICE_WORKER && candidate.url().endsWith('/intruder.js'),
    );
    const intruder = await target.worker();
    if (intruder === null) throw new Error('the intruder extension has no worker');
    const tried = await intruder.evaluate(
      async (extensionId, messages) => {
        const send = async (message: unknown): Promise<Attempt> => {
          try {
            return { answer: await chrome.runtime.sendMessage(extensionId, message) };
          } catch (error) {
            return { refused: String(error) };
          }
        };
        const port = await new Promise<{ disconnected: boolean; messages: number }>((resolve) => {
          const connection = chrome.runtime.connect(extensionId, { name: 'ui-state' });
          let messages = 0;
          connection.onMessage.addListener(() => messages++);
          connection.onDisconnect.addListener(() => resolve({ disconnected: true, messages }));
          setTimeout(() => resolve({ disconnected: false, messages }), 3_000);
        });
        return {
          // The intruder addresses the right extension, installed and enabled: a refusal is ours, not a wrong id.
          target: await chrome.management.get(extensionId).then((info) => ({ name: info.name, enabled: info.enabled })),
          attempts: await Promise.all(messages.map(send)),
          port,
        };
      },
      env.session.extensionId,
      [DIAL, LOGOUT],
    );
    expect(tried.target).toEqual({ name: 'Switchboard', enabled: true });
    for (const attempt of tried.attempts) expect(attempt.refused).toMatch(/Receiving end does not exist/);
    expect(tried.port).toEqual({ disconnected: true, messages: 0 });
    expect(env.lab.kamailio.requestCount('INVITE')).toBe(invites);
    await waitForText(panel, '[data-testid="registration-status"]', /Registered/);
  });

  it('gives a web page no way to reach it', async () => {
    const page = await openWebPage('crm.html');
    await page.waitForSelector(LINKS);
    expect(await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: unknown } }).chrome?.runtime)).toBe(
      'undefined',
    );
  });

  it('lets a subverted content script ask for click-to-call only: no console command, state or storage', async () => {
    await env.lab.openLoggedInConsole(env.session);
    const invites = env.lab.kamailio.requestCount('INVITE');
    const page = await openWebPage('crm.html');
    await page.waitForSelector(LINKS);
    const inContentScript = await contentScriptWorld(page, env.session.extensionId);
    const tried = (await inContentScript(`(async () => {
      const send = (message) => chrome.runtime.sendMessage(message).then((answer) => ({ answer }), (error) => ({ refused: String(error) }));
      const port = await new Promise((resolve) => {
        const connection = chrome.runtime.connect({ name: 'ui-state' });
        let messages = 0;
        connection.onMessage.addListener(() => messages++);
        connection.onDisconnect.addListener(() => resolve({ disconnected: true, messages }));
        setTimeout(() => resolve({ disconnected: false, messages }), 3000);
      });
      const read = (area) => chrome.storage[area].get(null).then((items) => ({ items }), (error) => ({ refused: String(error) }));
      return {
        attempts: [await send(${JSON.stringify(DIAL)}), await send(${JSON.stringify(LOGOUT)})],
        port,
        local: await read('local'),
        session: await read('session'),
      };
    })()`)) as { attempts: Attempt[]; port: unknown; local: Attempt; session: Attempt };
    for (const attempt of tried.attempts)
      expect(attempt.answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tried.port).toEqual({ disconnected: true, messages: 0 });
    expect(tried.local.refused).toMatch(/Access to storage is not allowed from this context/);
    expect(tried.session.refused).toMatch(/Access to storage is not allowed from this context/);
    await env.session.waitForLog(/dropped "call\/dial" from a sender that may not send it/);
    await env.session.waitForLog(/refused a port/);
    expect(env.lab.kamailio.requestCount('INVITE')).toBe(invites);
  });

  async function openWebPage(name: string): Promise<Page> {
    const page = await env.session.browser.newPage();
    await page.goto(env.pages.url(name), { waitUntil: 'load' });
    return page;
  }
});

/** Runs script text in our content script's isolated world of `page`'s main frame, as a subverted renderer could. */
async function contentScriptWorld(page: Page, extensionId: string): Promise<(expression: string) => Promise<unknown>> {
  const devtools = await page.createCDPSession();
  const worlds: { id: number; origin: string; name: string }[] = [];
  devtools.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  await devtools.send('Runtime.enable');
  const ours = worlds.find((world) => world.origin === `chrome-extension://${extensionId}`);
  if (ours === undefined) throw new Error(`no content script world among ${JSON.stringify(worlds)}`);
  return async (expression) => {
    const { result, exceptionDetails } = await devtools.send('Runtime.evaluate', {
      expression,
      contextId: ours.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails !== undefined) throw new Error(exceptionDetails.text);
    return result.value as unknown;
  };
}
