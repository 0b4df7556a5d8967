import type { Subscriber } from 'sip.js';
import type { OutgoingSubscribeRequestDelegate } from 'sip.js/lib/core';

interface SubscriberInternals {
  subscriberRequest?: { request?: { delegate?: OutgoingSubscribeRequestDelegate } };
}

/**
 * Calls `listener` with the server's answer when it refuses a subscription (`403 Forbidden`, `489 Bad Event`), or
 * with `timeout` when no NOTIFY came. sip.js's `Subscriber` only ends itself then and drops the response, yet the
 * receptionist must see a PBX limit (issue #14), not a lamp that silently stays dark. So this wraps the delegate of
 * the SUBSCRIBE the subscriber just sent — the same object its transaction calls (sip.js 0.21.2,
 * `lib/api/subscriber.js` `SubscriberRequest.subscribe`, `lib/core/user-agents/user-agent-client.js`); call it right
 * after `subscriber.subscribe()`. Should a later sip.js move it, nothing breaks: the lamp just says less.
 */
export function onSubscribeRefused(subscriber: Subscriber, listener: (reason: string) => void): void {
  const delegate = (subscriber as unknown as SubscriberInternals).subscriberRequest?.request?.delegate;
  if (delegate === undefined) return;
  const onReject = delegate.onReject?.bind(delegate);
  const onRedirect = delegate.onRedirect?.bind(delegate);
  const onNotifyTimeout = delegate.onNotifyTimeout?.bind(delegate);
  delegate.onReject = (response) => {
    listener(`${response.message.statusCode} ${response.message.reasonPhrase}`.trim());
    onReject?.(response);
  };
  delegate.onRedirect = (response) => {
    listener(`${response.message.statusCode} ${response.message.reasonPhrase}`.trim());
    onRedirect?.(response);
  };
  delegate.onNotifyTimeout = () => {
    listener('timeout');
    onNotifyTimeout?.();
  };
}
