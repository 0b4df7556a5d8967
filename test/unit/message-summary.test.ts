import { describe, expect, it } from 'vitest';
import { parseMessageSummary } from '../../src/engine/subscriptions/message-summary.ts';

describe('message-summary bodies (RFC 3842)', () => {
  it('reads the status and the voice message counts', () => {
    const body =
      'Messages-Waiting: yes\r\nMessage-Account: sip:reception@lab.switchboard\r\nVoice-Message: 2/8 (0/2)\r\n';
    expect(parseMessageSummary(body)).toEqual({ isWaiting: true, newMessages: 2, oldMessages: 8 });
  });
  it('takes a server that only says yes or no', () => {
    expect(parseMessageSummary('Messages-Waiting: no\r\n')).toEqual({
      isWaiting: false,
      newMessages: 0,
      oldMessages: 0,
    });
    expect(parseMessageSummary('messages-waiting:YES')).toEqual({ isWaiting: true, newMessages: 0, oldMessages: 0 });
  });
  it('refuses a body without the status line, and bounds absurd counts', () => {
    expect(parseMessageSummary('Voice-Message: 1/0')).toBeNull();
    expect(parseMessageSummary('<html>not a summary</html>')).toBeNull();
    expect(parseMessageSummary('Messages-Waiting: yes\nVoice-Message: 999999/1')).toEqual({
      isWaiting: true,
      newMessages: 9_999,
      oldMessages: 1,
    });
  });
});
