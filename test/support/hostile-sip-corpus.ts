/**
 * What a hostile SIP server or peer sends a console: requests and responses malformed, huge, in wrong encodings, with
 * script in names; SDP that is not; dialog-info and message-summary bodies that are neither. Each case is written for
 * the lab's hostile peer (`lab/src/hostile-peer.ts`, whose placeholders fill in addresses, branches and lengths).
 * `pwned(id)` is a URL the test counts fetches of: any case that ever runs as markup anywhere fetches it.
 */
export type HostileCase =
  /** Text sent on the console's WebSocket as it is. */
  | {
      readonly kind: 'raw';
      readonly id: string;
      readonly text: string;
      /** If it rings, the console must show this name as text (the call is then cancelled). */
      readonly rings?: { readonly name: string };
      /** The receptionist answers it: the console must then connect, or end the call and say why. */
      readonly isAnswered?: boolean;
      /** Why no answer and no log line is right for this one (RFC 3261 or RFC 5626 say so). */
      readonly silentBecause?: string;
    }
  /** A NOTIFY with this body inside the console's live subscription to a colleague's dialogs or its voicemail. */
  | {
      readonly kind: 'notify';
      readonly id: string;
      readonly event: 'dialog' | 'message-summary';
      readonly body: string;
      readonly contentType: string;
    };

const CRLF = '\r\n';

/** Markup and text tricks, each able to fetch `pwned(id)` if it were ever parsed as HTML or run as script. */
function hostileTexts(pwned: (id: string) => string): Record<string, string> {
  return {
    'img-onerror': `<img src="${pwned('img')}" onerror="fetch('${pwned('img-onerror')}')">`,
    script: `<script>fetch('${pwned('script')}')</script>`,
    'svg-onload': `"><svg onload="fetch('${pwned('svg')}')">`,
    'iframe-srcdoc': `<iframe srcdoc="<img src=${pwned('srcdoc')}>"></iframe>`,
    'javascript-url': `javascript:fetch('${pwned('javascript')}')`,
    'entity-encoded': `&lt;img src=${pwned('entity')}&gt;`,
    'style-import': `<style>@import '${pwned('style')}';</style>`,
    'rtl-override': '\u202Eenip\u202C Ali\u202Ece',
    'zero-width': 'Cl\u200Baire\u200D \uFEFFMartin',
    'bidi-isolates': '\u2066Reception\u2069\u2067ردّ\u2069',
    combining: 'Z\u0351\u0352\u0353a\u0354\u0355l\u0356\u0357g\u0358\u0359o',
    emoji: 'Anna \u{1F4DE}\u{1F469}\u200D\u{1F4BB}',
    'lone-surrogate': 'Bad \uD800 pair',
    'long-10k': 'A'.repeat(10_000),
    'percent-escapes': '%3Cscript%3Ealert(1)%3C/script%3E',
    'template-literal': '${alert(1)}{{constructor.constructor("alert(1)")()}}',
    'html-comment': `<!--<img src="${pwned('comment')}">-->`,
    'backslash-quote': 'Quote \\"inside\\" name',
    nul: 'Nul\u0000Name',
    'control-chars': 'Bell\u0007Esc\u001b[31mRed',
  };
}

/** A WebRTC offer Chromium accepts (DTLS-SRTP, ICE, one audio section). */
export const VALID_OFFER = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=msid-semantic: WMS',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 0',
  'c=IN IP4 127.0.0.1',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:hOst',
  'a=ice-pwd:hostilepeerpasswordabcdef',
  'a=fingerprint:sha-256 ' +
    Array.from({ length: 32 }, (_, index) => (index * 7).toString(16).padStart(2, '0'))
      .join(':')
      .toUpperCase(),
  'a=setup:actpass',
  'a=mid:0',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=rtpmap:0 PCMU/8000',
  '',
].join(CRLF);

interface RequestParts {
  readonly method?: string;
  readonly requestLine?: string;
  /** Header lines replacing the defaults of the same name (case-insensitive); null drops that header. */
  readonly headers?: Record<string, string | null>;
  /** Extra header lines added after the defaults. */
  readonly extra?: readonly string[];
  readonly body?: string;
  readonly contentType?: string | null;
}

/** A request to the console, well-formed unless `parts` says otherwise. */
export function request(parts: RequestParts = {}): string {
  const method = parts.method ?? 'INVITE';
  const defaults: [string, string][] = [
    ['Via', 'SIP/2.0/WSS lab.invalid;branch={{branch}}'],
    ['Max-Forwards', '70'],
    ['From', '"Hostile Peer" <sip:hostile@{{domain}}>;tag={{tag}}'],
    ['To', '<sip:{{user}}@{{domain}}>'],
    ['Call-ID', '{{callId}}'],
    ['CSeq', `1 ${method}`],
    ['Contact', '<{{lab}}>'],
  ];
  const body = parts.body ?? (method === 'INVITE' ? VALID_OFFER : '');
  const contentType = parts.contentType === undefined ? (body === '' ? null : 'application/sdp') : parts.contentType;
  if (contentType !== null) defaults.push(['Content-Type', contentType]);
  defaults.push(['Content-Length', '{{length}}']);
  const overrides = new Map(Object.entries(parts.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const lines = defaults
    .map(([name, value]) => {
      const override = overrides.get(name.toLowerCase());
      return override === undefined ? `${name}: ${value}` : override === null ? null : `${name}: ${override}`;
    })
    .filter((line): line is string => line !== null);
  const requestLine = parts.requestLine ?? `${method} {{ruri}} SIP/2.0`;
  return [requestLine, ...lines, ...(parts.extra ?? [])].join(CRLF) + CRLF + CRLF + body;
}

/** Text as a SIP URI's user part must carry it: every byte of its UTF-8 but letters and digits escaped (lone
 * surrogates become U+FFFD, as any encoder writes them). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0')}`,
    )
    .join('');
}

/** A response nobody asked for. */
function strayResponse(statusLine: string, extra: readonly string[] = []): string {
  return (
    [
      statusLine,
      'Via: SIP/2.0/WSS lab.invalid;branch={{branch}}',
      'From: <sip:{{user}}@{{domain}}>;tag={{tag}}',
      'To: <sip:hostile@{{domain}}>;tag=stray',
      'Call-ID: {{callId}}',
      'CSeq: 1 INVITE',
      ...extra,
      'Content-Length: 0',
    ].join(CRLF) +
    CRLF +
    CRLF
  );
}

/** The corpus: at least 200 cases, each with an id saying what it tries. */
export function hostileSipCorpus(pwned: (id: string) => string): HostileCase[] {
  const cases: HostileCase[] = [];
  const raw = (id: string, text: string, more: Partial<Extract<HostileCase, { kind: 'raw' }>> = {}) =>
    cases.push({ kind: 'raw', id, text, ...more });
  const texts = hostileTexts(pwned);

  // 1. Hostile text where a name or number is shown: in From's display name (it rings, and is shown as plain text),
  //    in P-Asserted-Identity, and in the user part of From (escaped as a URI requires).
  for (const [name, text] of Object.entries(texts)) {
    const quoted = text.replace(/[\\"]/g, (character) => `\\${character}`).replace(/[\r\n]/g, ' ');
    raw(
      `invite-from-name-${name}`,
      request({ headers: { From: `"${quoted}" <sip:hostile@{{domain}}>;tag={{tag}}` } }),
      { rings: { name: text } },
    );
    raw(`invite-pai-${name}`, request({ extra: [`P-Asserted-Identity: "${quoted}" <sip:+33123456789@{{domain}}>`] }));
    raw(
      `invite-from-user-${name}`,
      request({ headers: { From: `<sip:${percentEncoded(text)}@{{domain}}>;tag={{tag}}` } }),
    );
  }

  // 2. Malformed requests: each mandatory header missing or wrong, request lines that are not, lengths that lie.
  for (const header of ['Via', 'From', 'To', 'Call-ID', 'CSeq', 'Max-Forwards', 'Contact'])
    raw(`invite-without-${header.toLowerCase()}`, request({ headers: { [header]: null } }));
  const wrongHeaders: Record<string, Record<string, string>> = {
    'via-garbage': { Via: 'garbage' },
    'via-no-branch': { Via: 'SIP/2.0/WSS lab.invalid' },
    'from-brackets': { From: '<<<>>>;tag=x' },
    'from-no-tag': { From: '<sip:hostile@{{domain}}>' },
    'to-semicolons': { To: ';;;' },
    'cseq-letters': { CSeq: 'abc INVITE' },
    'cseq-method-mismatch': { CSeq: '1 BYE' },
    'cseq-huge': { CSeq: '99999999999999999999 INVITE' },
    'call-id-empty': { 'Call-ID': '' },
    'call-id-4k': { 'Call-ID': `{{callId}}${'c'.repeat(4096)}` },
    'max-forwards-zero': { 'Max-Forwards': '0' },
    'max-forwards-negative': { 'Max-Forwards': '-1' },
    'content-length-negative': { 'Content-Length': '-1' },
    'content-length-huge': { 'Content-Length': '99999999' },
    'content-length-letters': { 'Content-Length': 'abc' },
    'content-length-short': { 'Content-Length': '10' },
    'content-type-html': { 'Content-Type': 'text/html' },
    'content-type-garbage': { 'Content-Type': '/;;' },
    'contact-garbage': { Contact: '<<javascript:alert(1)>>' },
    'contact-star': { Contact: '*' },
    'to-javascript-uri': { To: '<javascript:alert(1)>' },
    'from-tel-uri': { From: '<tel:+33123456789>;tag={{tag}}' },
    'from-data-uri': { From: '<data:text/html,<script>alert(1)</script>>;tag={{tag}}' },
  };
  for (const [id, headers] of Object.entries(wrongHeaders)) raw(`invite-${id}`, request({ headers }));
  const requestLines: Record<string, string> = {
    'sip-version-3': 'INVITE {{ruri}} SIP/3.0',
    'no-uri': 'INVITE SIP/2.0',
    'uri-garbage': 'INVITE ::garbage:: SIP/2.0',
    'lowercase-method': 'invite {{ruri}} SIP/2.0',
    'extra-spaces': 'INVITE  {{ruri}}   SIP/2.0',
    'method-only': 'INVITE',
    'http-request': 'GET / HTTP/1.1',
    'unknown-scheme': 'INVITE xmpp:reception@{{domain}} SIP/2.0',
    'tab-separated': 'INVITE\t{{ruri}}\tSIP/2.0',
  };
  for (const [id, requestLine] of Object.entries(requestLines)) raw(`request-line-${id}`, request({ requestLine }));
  for (const header of ['From', 'To', 'Call-ID', 'CSeq', 'Content-Length'])
    raw(`invite-duplicate-${header.toLowerCase()}`, request({ extra: [`${header}: <sip:second@{{domain}}>;tag=2`] }));
  raw('header-without-colon', request({ extra: ['This line has no colon'] }));
  raw('header-folded', request({ extra: ['Subject: first line', ' continued on a folded line'] }));
  raw('header-100k', request({ extra: [`Subject: ${'x'.repeat(100_000)}`] }));
  raw('headers-2000', request({ extra: Array.from({ length: 2000 }, (_, index) => `X-Header-${index}: value`) }));
  raw('header-nul', request({ extra: ['X-Nul: a\u0000b'] }));
  raw('bare-lf-line-ends', request().replaceAll(CRLF, '\n'));
  raw('bare-cr-line-ends', request().replaceAll(CRLF, '\r'));
  raw('require-unknown', request({ extra: ['Require: hostile-extension'] }));
  raw('require-100rel', request({ extra: ['Require: 100rel'] }));
  raw('expires-negative', request({ extra: ['Expires: -5'] }));
  raw('replaces-unknown-dialog', request({ extra: ['Replaces: nothing-here;to-tag=a;from-tag=b'] }));
  raw('replaces-garbage', request({ extra: ['Replaces: ;;;=='] }));
  raw('call-info-answer-after-huge', request({ extra: ['Call-Info: <sip:x>;answer-after=99999999999'] }));
  raw('call-info-garbage', request({ extra: [`Call-Info: ${'<'.repeat(5000)}`] }));
  raw('alert-info-javascript', request({ extra: ['Alert-Info: <javascript:alert(1)>'] }));
  raw('referred-by-script', request({ extra: [`Referred-By: "${texts['script']}" <sip:x@{{domain}}>`] }));
  raw('subject-script', request({ extra: [`Subject: ${texts['img-onerror']}`] }));
  raw('empty-message', '');
  raw('whitespace-only', '   \t  ');
  raw('crlf-keepalive', CRLF + CRLF, { silentBecause: 'a keep-alive ping (RFC 5626 §4.4.1), answered on the socket' });
  raw('json-text', JSON.stringify({ sb: 1, to: 'background', type: 'call/dial', payload: { target: '+33899000000' } }));
  raw(
    'binary-like-junk',
    Array.from({ length: 2048 }, (_, index) => String.fromCharCode((index * 131) % 256)).join(''),
  );
  raw('megabyte-of-junk', 'INVITE '.repeat(150_000));
  raw('multipart-broken', request({ contentType: 'multipart/mixed;boundary=zz', body: '--zz\r\nno end' }));
  raw('multipart-no-boundary', request({ contentType: 'multipart/mixed', body: VALID_OFFER }));

  // 3. SDP that is not: an INVITE the console cannot take must be refused, never half-answered.
  const offers: Record<string, string> = {
    empty: '',
    garbage: 'this is not SDP at all',
    'no-media': VALID_OFFER.split(CRLF)
      .filter((line) => !/^(m|a|c)=/.test(line))
      .join(CRLF),
    'video-only': VALID_OFFER.replace('m=audio 9 UDP/TLS/RTP/SAVPF 111 0', 'm=video 9 UDP/TLS/RTP/SAVPF 96').replace(
      /a=rtpmap:.*\r\n/g,
      'a=rtpmap:96 VP8/90000\r\n',
    ),
    'port-zero': VALID_OFFER.replace('m=audio 9 ', 'm=audio 0 '),
    'port-huge': VALID_OFFER.replace('m=audio 9 ', 'm=audio 99999 '),
    'plain-rtp': VALID_OFFER.replace('UDP/TLS/RTP/SAVPF', 'RTP/AVP'),
    'no-fingerprint': VALID_OFFER.replace(/a=fingerprint:.*\r\n/, ''),
    'no-ice': VALID_OFFER.replace(/a=ice-(ufrag|pwd):.*\r\n/g, ''),
    'no-codec-known': VALID_OFFER.replace(/a=rtpmap:.*\r\n/g, 'a=rtpmap:111 hostile/8000\r\n'),
    'no-version': VALID_OFFER.replace('v=0\r\n', ''),
    'version-1': VALID_OFFER.replace('v=0', 'v=1'),
    'ipv6-garbage': VALID_OFFER.replace('c=IN IP4 127.0.0.1', 'c=IN IP6 ::zz::'),
    'codecs-500': VALID_OFFER.replace(
      'm=audio 9 UDP/TLS/RTP/SAVPF 111 0',
      `m=audio 9 UDP/TLS/RTP/SAVPF ${Array.from({ length: 500 }, (_, index) => index % 128).join(' ')}`,
    ),
    'candidates-1000':
      VALID_OFFER +
      Array.from(
        { length: 1000 },
        (_, index) => `a=candidate:${index} 1 udp 1 127.0.0.1 ${1024 + index} typ host`,
      ).join(CRLF) +
      CRLF,
    'candidate-garbage': VALID_OFFER + 'a=candidate:garbage garbage garbage' + CRLF,
    'huge-500k': VALID_OFFER + `a=x-padding:${'p'.repeat(500_000)}` + CRLF,
    'script-session-name': VALID_OFFER.replace('s=-', `s=${texts['script']}`),
    'nul-inside': VALID_OFFER.replace('s=-', 's=a\u0000b'),
    'two-audio-sections': VALID_OFFER + VALID_OFFER.slice(VALID_OFFER.indexOf('m=audio')).replace('a=mid:0', 'a=mid:1'),
    'setup-passive-only': VALID_OFFER.replace('a=setup:actpass', 'a=setup:holdconn'),
    'lf-line-ends': VALID_OFFER.replaceAll(CRLF, '\n'),
    'bundle-unknown-mid': VALID_OFFER.replace('a=group:BUNDLE 0', 'a=group:BUNDLE 7 8 9'),
    inactive: VALID_OFFER.replace('a=sendrecv', 'a=inactive'),
    'rtpmap-overflow': VALID_OFFER.replace('a=rtpmap:111 opus/48000/2', 'a=rtpmap:111 opus/99999999999999999999/2'),
    'fingerprint-garbage': VALID_OFFER.replace(/a=fingerprint:.*\r\n/, 'a=fingerprint:sha-256 zz:zz\r\n'),
    'ice-pwd-short': VALID_OFFER.replace(/a=ice-pwd:.*\r\n/, 'a=ice-pwd:x\r\n'),
    'json-body': JSON.stringify({ type: 'offer', sdp: VALID_OFFER }),
  };
  for (const [id, body] of Object.entries(offers)) raw(`sdp-${id}`, request({ body }), { isAnswered: true });

  // 4. Requests the console does not expect, in and out of dialogs; responses it never asked for.
  const method = (name: string, extra: readonly string[] = [], body = '', contentType: string | null = null) =>
    request({ method: name, extra, body, contentType });
  raw(
    'bye-unknown-dialog',
    method('BYE', [], '').replace('To: <sip:{{user}}@{{domain}}>', 'To: <sip:{{user}}@{{domain}}>;tag=none'),
  );
  raw('cancel-unknown', method('CANCEL'));
  raw('ack-stray', method('ACK'), { silentBecause: 'an ACK is never answered, and one for no transaction is dropped' });
  raw(
    'reinvite-unknown-dialog',
    request().replace('To: <sip:{{user}}@{{domain}}>', 'To: <sip:{{user}}@{{domain}}>;tag=none'),
  );
  raw('refer-out-of-dialog', method('REFER', ['Refer-To: <sip:+33899000000@{{domain}}>']));
  raw('refer-javascript', method('REFER', ['Refer-To: <javascript:alert(1)>']));
  raw('info-out-of-dialog', method('INFO', [], 'Signal=1\r\nDuration=160\r\n', 'application/dtmf-relay'));
  raw('update-out-of-dialog', method('UPDATE'));
  raw('prack-stray', method('PRACK', ['RAck: 1 1 INVITE']));
  raw('options', method('OPTIONS'));
  raw('options-max-forwards-zero', method('OPTIONS').replace('Max-Forwards: 70', 'Max-Forwards: 0'));
  raw('message-script', method('MESSAGE', [], texts['script'] ?? '', 'text/plain'));
  raw('message-html', method('MESSAGE', [], `<b>${texts['img-onerror']}</b>`, 'text/html'));
  raw('message-200k', method('MESSAGE', [], 'm'.repeat(200_000), 'text/plain'));
  raw('message-rtl', method('MESSAGE', [], texts['rtl-override'] ?? '', 'text/plain; charset=utf-8'));
  raw('message-wrong-charset', method('MESSAGE', [], 'caf\u00e9', 'text/plain; charset=iso-2022-jp'));
  raw('subscribe-to-console', method('SUBSCRIBE', ['Event: dialog', 'Expires: 3600']));
  raw('publish', method('PUBLISH', ['Event: presence'], '<presence/>', 'application/pidf+xml'));
  raw('register-to-console', method('REGISTER'));
  raw('unknown-method', method('HOSTILE'));
  raw('method-with-symbols', method('IN<V>ITE'));
  raw('notify-unknown-event', method('NOTIFY', ['Event: hostile', 'Subscription-State: active'], 'x', 'text/plain'));
  raw('notify-no-event', method('NOTIFY', ['Subscription-State: active']));
  raw('notify-state-garbage', method('NOTIFY', ['Event: dialog', 'Subscription-State: ???;;;'], '', null));
  raw(
    'notify-dead-subscription',
    method('NOTIFY', ['Event: dialog', 'Subscription-State: terminated'], '', null).replace(
      'To: <sip:{{user}}@{{domain}}>',
      'To: <sip:{{user}}@{{domain}}>;tag=gone',
    ),
  );
  raw(
    'notify-message-summary-unsolicited',
    method(
      'NOTIFY',
      ['Event: message-summary', 'Subscription-State: active'],
      'Messages-Waiting: yes\r\nVoice-Message: 99/99\r\n',
      'application/simple-message-summary',
    ),
  );
  raw('response-200-stray', strayResponse('SIP/2.0 200 OK'));
  raw('response-180-stray', strayResponse('SIP/2.0 180 Ringing'));
  raw(
    'response-401-stray',
    strayResponse('SIP/2.0 401 Unauthorized', ['WWW-Authenticate: Digest realm="evil", nonce="x"']),
  );
  raw('response-999', strayResponse('SIP/2.0 999 Beyond'));
  raw('response-status-letters', strayResponse('SIP/2.0 abc Letters'));
  raw('response-reason-script', strayResponse(`SIP/2.0 486 ${texts['script']}`));
  raw('response-no-via', strayResponse('SIP/2.0 200 OK').replace(/Via:.*\r\n/, ''));

  // 5. Bodies inside the console's own subscriptions: a colleague's dialogs (busy lamp) and its voicemail.
  const dialogInfo = (inner: string, attributes = 'version="{{version}}" state="full"') =>
    `<?xml version="1.0"?>\n<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" ${attributes} entity="sip:alice@lab.switchboard">${inner}</dialog-info>`;
  const dialog = (state: string, extra = '') =>
    `<dialog id="d1" direction="recipient"><state>${state}</state>${extra}</dialog>`;
  const dialogBodies: Record<string, string> = {
    'not-xml': 'this is not XML',
    unclosed: dialogInfo(dialog('confirmed')).replace('</dialog-info>', ''),
    'wrong-root': '<presence xmlns="urn:ietf:params:xml:ns:pidf"/>',
    'wrong-namespace': dialogInfo(dialog('confirmed')).replace('urn:ietf:params:xml:ns:dialog-info', 'urn:hostile'),
    'no-version': dialogInfo(dialog('confirmed'), 'state="full"'),
    'version-negative': dialogInfo(dialog('confirmed'), 'version="-3" state="full"'),
    'version-letters': dialogInfo(dialog('confirmed'), 'version="abc" state="full"'),
    'version-huge': dialogInfo(dialog('confirmed'), 'version="1e400" state="full"'),
    'state-unknown': dialogInfo(dialog('exploded')),
    'state-empty': dialogInfo(dialog('')),
    'state-script': dialogInfo(dialog(`&lt;script&gt;fetch('${pwned('state')}')&lt;/script&gt;`)),
    'display-script': dialogInfo(
      dialog(
        'early',
        `<remote><identity display="&lt;img src=&quot;${pwned('display')}&quot;&gt;">sip:x@lab.switchboard</identity></remote>`,
      ),
    ),
    'identity-javascript': dialogInfo(dialog('confirmed', '<remote><identity>javascript:alert(1)</identity></remote>')),
    'cdata-script': dialogInfo(
      dialog(
        'confirmed',
        `<remote><identity display="x"><![CDATA[<script>fetch('${pwned('cdata')}')</script>]]></identity></remote>`,
      ),
    ),
    'rtl-display': dialogInfo(
      dialog(
        'confirmed',
        `<remote><identity display="${texts['rtl-override']}">sip:y@lab.switchboard</identity></remote>`,
      ),
    ),
    'duration-letters': dialogInfo(dialog('confirmed', '<duration>forever</duration>')),
    'duration-huge': dialogInfo(dialog('confirmed', '<duration>1e308</duration>')),
    'dialogs-5000': dialogInfo(
      Array.from({ length: 5000 }, (_, index) => dialog('confirmed').replace('id="d1"', `id="d${index}"`)).join(''),
    ),
    'nested-10000': dialogInfo(`${'<x>'.repeat(10_000)}${'</x>'.repeat(10_000)}`),
    'megabyte-text': dialogInfo(`<!-- ${'z'.repeat(1_000_000)} -->`),
    'billion-laughs': `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>${dialogInfo(dialog('&lol5;'))}`,
    'external-entity': `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${dialogInfo(dialog('&xxe;'))}`,
    'partial-unknown-dialog': dialogInfo(dialog('terminated'), 'version="{{version}}" state="partial"'),
    'dialog-no-id': dialogInfo('<dialog direction="recipient"><state>confirmed</state></dialog>'),
    'dialog-no-state': dialogInfo('<dialog id="d1"/>'),
    'direction-garbage': dialogInfo(dialog('confirmed').replace('recipient', '<hostile>')),
    'utf16-declared': dialogInfo(dialog('confirmed')).replace(
      '<?xml version="1.0"?>',
      '<?xml version="1.0" encoding="UTF-16"?>',
    ),
    'bom-prefixed': `\uFEFF${dialogInfo(dialog('confirmed'))}`,
    'processing-instruction': dialogInfo(`<?hostile fetch('${pwned('pi')}')?>${dialog('confirmed')}`),
    'attribute-duplicated': dialogInfo(dialog('confirmed'), 'version="{{version}}" version="1" state="full"'),
    'empty-body': '',
  };
  let version = 1000;
  for (const [id, body] of Object.entries(dialogBodies))
    cases.push({
      kind: 'notify',
      id: `dialog-info-${id}`,
      event: 'dialog',
      body: body.replaceAll('{{version}}', String(version++)),
      contentType: 'application/dialog-info+xml',
    });
  cases.push({
    kind: 'notify',
    id: 'dialog-info-as-html',
    event: 'dialog',
    body: `<html><body><img src="${pwned('dialog-html')}"></body></html>`,
    contentType: 'text/html',
  });
  const summaries: Record<string, string> = {
    garbage: 'this is not a message summary',
    'waiting-maybe': 'Messages-Waiting: maybe\r\n',
    'counts-negative': 'Messages-Waiting: yes\r\nVoice-Message: -1/-5\r\n',
    'counts-overflow': 'Messages-Waiting: yes\r\nVoice-Message: 99999999999999999999999/1\r\n',
    'counts-letters': 'Messages-Waiting: yes\r\nVoice-Message: a/b (c/d)\r\n',
    'account-script': `Messages-Waiting: yes\r\nMessage-Account: ${texts['script']}\r\nVoice-Message: 1/0\r\n`,
    'duplicate-lines': 'Messages-Waiting: yes\r\nMessages-Waiting: no\r\nVoice-Message: 1/0\r\nVoice-Message: 9/9\r\n',
    'cr-only': 'Messages-Waiting: yes\rVoice-Message: 2/0\r',
    huge: `Messages-Waiting: yes\r\n${'X-Padding: yes\r\n'.repeat(20_000)}`,
    'no-colon': 'Messages-Waiting yes\r\n',
    'nul-inside': 'Messages-Waiting: y\u0000es\r\n',
    'unknown-class': 'Messages-Waiting: yes\r\nHostile-Message: 5/5\r\n',
    'xml-instead': '<?xml version="1.0"?><message-summary/>',
  };
  for (const [id, body] of Object.entries(summaries))
    cases.push({
      kind: 'notify',
      id: `message-summary-${id}`,
      event: 'message-summary',
      body,
      contentType: 'application/simple-message-summary',
    });
  return cases;
}
