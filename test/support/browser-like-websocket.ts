import { WebSocket } from 'ws';

/**
 * `ws` delivering messages the way a browser's WebSocket does: each `message` event in a task of its own (the HTML
 * standard queues one task per message), so promise callbacks run between two messages. By default a `ws` client
 * emits every message of one TCP read in the same tick — which no browser does, and which sip.js 0.21.2's Subscriber
 * is not written for: it gives the subscription dialog its delegate in a promise callback after the first NOTIFY, so
 * a second NOTIFY read in the same tick (Kamailio sends the initial NOTIFY and a PUBLISH's NOTIFY from two workers
 * within a millisecond) is answered 200 and dropped, and a lamp missed a call in the engine tests.
 */
export class BrowserLikeWebSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    super(address, protocols, { allowSynchronousEvents: false });
  }
}
