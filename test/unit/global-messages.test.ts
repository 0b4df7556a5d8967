import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  currentMessage,
  globalMessages,
  MIN_SHOWN_MS,
  postGlobalMessage,
} from '../../src/shared/ui/global-messages.ts';

describe("the console's global messages", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.advanceTimersByTime(60_000);
    vi.useRealTimers();
  });

  it('shows a message long enough to be read before an information replaces it', () => {
    postGlobalMessage('info', 'Settings saved');
    // The feature-code call the save placed connects at once.
    postGlobalMessage('info', 'Connected to *79');
    expect(currentMessage.value?.text).toBe('Settings saved');
    expect(globalMessages.value.map((message) => message.text).slice(0, 2)).toEqual([
      'Connected to *79',
      'Settings saved',
    ]);
    vi.advanceTimersByTime(MIN_SHOWN_MS);
    expect(currentMessage.value?.text).toBe('Connected to *79');
  });

  it('shows informations posted while one waits in their turn, none skipped', () => {
    postGlobalMessage('info', 'Connected to *78');
    vi.advanceTimersByTime(MIN_SHOWN_MS - 100);
    postGlobalMessage('info', 'Settings saved');
    postGlobalMessage('info', 'Connected to *79');
    expect(currentMessage.value?.text).toBe('Connected to *78');
    vi.advanceTimersByTime(100);
    expect(currentMessage.value?.text).toBe('Settings saved');
    vi.advanceTimersByTime(MIN_SHOWN_MS - 1);
    expect(currentMessage.value?.text).toBe('Settings saved');
    vi.advanceTimersByTime(1);
    expect(currentMessage.value?.text).toBe('Connected to *79');
  });

  it('lists every message of a burst but shows only the last few in turn', () => {
    for (let index = 1; index <= 6; index++) postGlobalMessage('info', `message ${index}`);
    const shown = [currentMessage.value?.text];
    for (let turn = 0; turn < 6; turn++) {
      vi.advanceTimersByTime(MIN_SHOWN_MS);
      if (currentMessage.value?.text !== shown.at(-1)) shown.push(currentMessage.value?.text);
    }
    expect(shown).toEqual(['message 1', 'message 4', 'message 5', 'message 6']);
    expect(globalMessages.value.slice(0, 6).map((message) => message.text)).toEqual(
      [6, 5, 4, 3, 2, 1].map((index) => `message ${index}`),
    );
  });

  it('shows a warning or an error next, ahead of the informations waiting, once the one shown was readable', () => {
    postGlobalMessage('info', 'Settings saved');
    postGlobalMessage('info', 'Calling *78');
    postGlobalMessage('error', 'Call to *78 failed');
    expect(currentMessage.value?.text).toBe('Settings saved');
    vi.advanceTimersByTime(MIN_SHOWN_MS);
    expect(currentMessage.value?.text).toBe('Call to *78 failed');
    vi.advanceTimersByTime(MIN_SHOWN_MS);
    expect(currentMessage.value?.text).toBe('Calling *78');
  });

  it('shows an information at once when nothing is shown', () => {
    postGlobalMessage('info', 'first');
    vi.advanceTimersByTime(10_000);
    expect(currentMessage.value).toBeNull();
    postGlobalMessage('info', 'second');
    expect(currentMessage.value?.text).toBe('second');
  });
});
