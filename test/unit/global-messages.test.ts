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

  it('lets a warning or an error through at once, and drops the information that waited', () => {
    postGlobalMessage('info', 'Calling 201');
    postGlobalMessage('info', 'Connected to 201');
    postGlobalMessage('error', 'Call to 201 lost');
    expect(currentMessage.value?.text).toBe('Call to 201 lost');
    vi.advanceTimersByTime(MIN_SHOWN_MS);
    expect(currentMessage.value?.text).toBe('Call to 201 lost');
  });

  it('shows an information at once when nothing is shown', () => {
    postGlobalMessage('info', 'first');
    vi.advanceTimersByTime(10_000);
    expect(currentMessage.value).toBeNull();
    postGlobalMessage('info', 'second');
    expect(currentMessage.value?.text).toBe('second');
  });
});
