import { describe, expect, it } from 'vitest';
import { xsiCallEventType } from './xsi-user-calls.ts';

describe("the lab's XSI call events of a user", () => {
  it('tells each change of a call with the event the specification names for it, and nothing when none', () => {
    expect(xsiCallEventType(undefined, 'Alerting', true)).toBe('CallOriginatedEvent');
    expect(xsiCallEventType(undefined, 'Alerting', false)).toBe('CallReceivedEvent');
    expect(xsiCallEventType('Alerting', 'Active', true)).toBe('CallAnsweredEvent');
    expect(xsiCallEventType('Active', 'Held', true)).toBe('CallHeldEvent');
    expect(xsiCallEventType('Held', 'Active', true)).toBe('CallRetrievedEvent');
    expect(xsiCallEventType('Held', 'Released', false)).toBe('CallReleasedEvent');
    expect(xsiCallEventType('Active', 'Active', false)).toBeNull();
    expect(xsiCallEventType(undefined, 'Released', false)).toBeNull();
  });
});
