/**
 * The far end in end-to-end tests: a plain page running sip.js in the same browser, registered to the same PBX as
 * the extension. Tests drive it through `window.peer`. It plays Chromium's fake microphone (a beep) and reports the
 * audio bytes its peer connection sends and receives.
 */
import {
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  SIPExtension,
  Subscriber,
  UserAgent,
  type Invitation,
  type Session,
} from 'sip.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web';

interface PeerApi {
  register(server: string, aor: string, password: string): Promise<void>;
  call(target: string, extraHeaders?: string[]): Promise<void>;
  waitForIncoming(timeoutMs: number): Promise<{ from: string; displayName: string }>;
  answer(): Promise<void>;
  decline(): Promise<void>;
  hangUp(): Promise<void>;
  sessionState(): string;
  audio(): Promise<{ sent: number; received: number; receivedEnergy: number }>;
  remoteDirection(): string;
  unregister(): Promise<void>;
  /** The number of the party this page is talking to now (after a transfer, the new one). */
  remoteParty(): string;
  /** Digits received as SIP INFO (application/dtmf-relay). */
  infoDigits(): string;
  /** When sip.js handed over the last incoming call (ms since the epoch), for the benchmark's bare-page figures. */
  lastIncomingAt(): number;
  /** Sends the current call on to `target` (REFER, no consultation), as a bare phone's blind transfer. */
  blindTransfer(target: string): Promise<void>;
  /**
   * Subscribes to the dialog event of each of `targets` (sip.js's own `Subscriber`, accepting every NOTIFY and
   * reading nothing), resolved once each has sent its first NOTIFY: the benchmark's bare page of busy lamps.
   */
  watchDialogs(targets: readonly string[]): Promise<void>;
  /** The NOTIFYs `watchDialogs` has received so far. */
  dialogNotifies(): number;
  /** Resolves once `watchDialogs` has received `total` NOTIFYs in all (checked as each arrives: no polling). */
  dialogNotifiesReach(total: number): Promise<void>;
}

declare global {
  interface Window {
    peer: PeerApi;
  }
}

let userAgent: UserAgent | null = null;
let registerer: Registerer | null = null;
let session: Session | null = null;
const incoming: Invitation[] = [];
let infoDigits = '';
let lastIncomingAt = 0;
let dialogNotifies = 0;
let dialogNotifiesWaiter: { total: number; resolve: () => void } | null = null;

function track(next: Session): void {
  session = next;
  follow(next);
}

/** Plays a session's remote audio once established, and handles what the far end sends within it. */
function follow(next: Session): void {
  next.delegate = {
    // Follow a transfer (REFER) as a desk phone does: call the target, report progress in NOTIFYs, and hang up the
    // original call once the new one is answered.
    onRefer: (referral) => {
      void referral.accept().then(() => {
        const inviter = referral.makeInviter({
          sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
        });
        const original = next;
        follow(inviter);
        inviter.stateChange.addListener((state) => {
          if (state !== SessionState.Established) return;
          session = inviter;
          if (original.state === SessionState.Established) void original.bye();
        });
        return inviter.invite();
      });
    },
    onInfo: (info) => {
      const match = /Signal=(.)/.exec(info.request.body);
      if (match) infoDigits += match[1];
      void info.accept();
    },
  };
  next.stateChange.addListener((state) => {
    if (state === SessionState.Established) {
      const handler = next.sessionDescriptionHandler as SessionDescriptionHandler;
      const audio = document.createElement('audio');
      audio.autoplay = true;
      audio.srcObject = handler.remoteMediaStream;
      document.body.append(audio);
    }
  });
}

function peerConnection(): RTCPeerConnection | undefined {
  return (session?.sessionDescriptionHandler as SessionDescriptionHandler | undefined)?.peerConnection;
}

window.peer = {
  async register(server, aor, password) {
    const uri = UserAgent.makeURI(`sip:${aor}`);
    if (uri === undefined) throw new Error(`bad AOR ${aor}`);
    userAgent = new UserAgent({
      uri,
      authorizationUsername: uri.user,
      authorizationPassword: password,
      transportOptions: { server },
      logLevel: 'warn',
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: [] },
        iceGatheringTimeout: 200,
      },
      sipExtensionReplaces: SIPExtension.Supported,
      delegate: {
        onInvite: (invitation) => {
          // An INVITE with Replaces (attended transfer, or a pickup of the call this peer is placing) takes over
          // that call: answer it at once, then end the replaced one — cancelled if it still rings, which sip.js
          // cannot do itself (its BYE of a ringing call fails unhandled), so it is taken from sip.js first.
          const replaced = invitation.replacee;
          if (replaced !== undefined) {
            track(invitation);
            (invitation as unknown as { _replacee: unknown })._replacee = undefined;
            void invitation
              .accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } })
              .then(async () => {
                if (replaced instanceof Inviter && replaced.state === SessionState.Establishing)
                  await replaced.cancel();
                else if (replaced.state === SessionState.Established) await replaced.bye();
              })
              .catch(() => undefined);
            return;
          }
          lastIncomingAt = performance.timeOrigin + performance.now();
          incoming.push(invitation);
        },
      },
    });
    await userAgent.start();
    registerer = new Registerer(userAgent);
    await new Promise<void>((resolve, reject) => {
      registerer?.stateChange.addListener((state) => {
        if (state === RegistererState.Registered) resolve();
      });
      registerer
        ?.register({
          requestDelegate: { onReject: (response) => reject(new Error(`REGISTER ${response.message.statusCode}`)) },
        })
        .catch(reject);
    });
  },

  async call(target, extraHeaders = []) {
    if (userAgent === null) throw new Error('not registered');
    const uri = UserAgent.makeURI(target);
    if (uri === undefined) throw new Error(`bad target ${target}`);
    const inviter = new Inviter(userAgent, uri, {
      extraHeaders,
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    track(inviter);
    await inviter.invite({
      requestDelegate: {
        // Follow a redirect (302 Moved Temporarily) to its Contact, as a phone does.
        onRedirect: (response) => {
          const contact = /<([^>]+)>/.exec(response.message.getHeader('contact') ?? '')?.[1];
          const target = contact === undefined ? undefined : UserAgent.makeURI(contact);
          if (userAgent === null || target === undefined) return;
          const redirected = new Inviter(userAgent, target, {
            sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
          });
          track(redirected);
          void redirected.invite();
        },
      },
    });
  },

  async waitForIncoming(timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (incoming.length === 0) {
      if (Date.now() > deadline) throw new Error('no incoming call');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const invitation = incoming[0] as Invitation;
    return { from: invitation.remoteIdentity.uri.user ?? '', displayName: invitation.remoteIdentity.displayName };
  },

  async answer() {
    const invitation = incoming.shift();
    if (invitation === undefined) throw new Error('nothing to answer');
    track(invitation);
    await invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
  },

  async decline() {
    const invitation = incoming.shift();
    await invitation?.reject({ statusCode: 486 });
  },

  async hangUp() {
    if (session === null) return;
    if (session.state === SessionState.Established) await session.bye();
    else if (session instanceof Inviter) await session.cancel();
  },

  sessionState() {
    return session?.state ?? 'none';
  },

  async audio() {
    const stats = await peerConnection()?.getStats();
    let sent = 0;
    let received = 0;
    let receivedEnergy = 0;
    stats?.forEach(
      (report: {
        type: string;
        kind?: string;
        bytesSent?: number;
        bytesReceived?: number;
        totalAudioEnergy?: number;
      }) => {
        if (report.kind !== 'audio') return;
        if (report.type === 'outbound-rtp') sent += report.bytesSent ?? 0;
        if (report.type === 'inbound-rtp') {
          received += report.bytesReceived ?? 0;
          receivedEnergy += report.totalAudioEnergy ?? 0;
        }
      },
    );
    return { sent, received, receivedEnergy };
  },

  remoteDirection() {
    const transceiver = peerConnection()?.getTransceivers()[0];
    return transceiver?.currentDirection ?? 'none';
  },

  remoteParty() {
    return session?.remoteIdentity.uri.user ?? '';
  },

  infoDigits() {
    return infoDigits;
  },

  lastIncomingAt() {
    return lastIncomingAt;
  },

  async blindTransfer(target) {
    const uri = UserAgent.makeURI(target);
    if (session === null || uri === undefined) throw new Error(`cannot transfer to ${target}`);
    await session.refer(uri);
  },

  async watchDialogs(targets) {
    const agent = userAgent;
    if (agent === null) throw new Error('not registered');
    await Promise.all(
      targets.map(async (target) => {
        const uri = UserAgent.makeURI(target);
        if (uri === undefined) throw new Error(`bad target ${target}`);
        const subscriber = new Subscriber(agent, uri, 'dialog', { expires: 600 });
        const first = new Promise<void>((resolve) => {
          subscriber.delegate = {
            onNotify: (notification) => {
              dialogNotifies++;
              void notification.accept();
              if (dialogNotifiesWaiter !== null && dialogNotifies >= dialogNotifiesWaiter.total) {
                dialogNotifiesWaiter.resolve();
                dialogNotifiesWaiter = null;
              }
              resolve();
            },
          };
        });
        await subscriber.subscribe();
        await first;
      }),
    );
  },

  dialogNotifies() {
    return dialogNotifies;
  },

  dialogNotifiesReach(total) {
    if (dialogNotifies >= total) return Promise.resolve();
    return new Promise((resolve) => (dialogNotifiesWaiter = { total, resolve }));
  },

  async unregister() {
    await registerer?.unregister().catch(() => undefined);
    await userAgent?.stop();
  },
};
