import { parse } from 'sdp-transform';

/** Audio codecs the browser's WebRTC speaks (static payload types: 0 PCMU, 8 PCMA, 9 G722). */
const USABLE_CODECS = new Set(['opus', 'g722', 'pcmu', 'pcma']);
const USABLE_STATIC_PAYLOADS = new Set([0, 8, 9]);

/**
 * Why an incoming call's SDP offer cannot carry a conversation, or null when it can (or when there is none: the
 * console then offers in its answer; or when the body is not SDP, which the browser refuses on answering). Chromium accepts an offer with no audio section, a rejected one (port 0), or
 * only codecs it does not have — and the call would then be shown connected, with no sound either way. Such a call
 * is refused (488 Not Acceptable Here) before it rings.
 */
export function unusableAudioOffer(contentType: string | undefined, body: string | undefined): string | null {
  if (body === undefined || body.trim() === '' || !/^\s*application\/sdp\b/i.test(contentType ?? '')) return null;
  const audio = parse(body.slice(0, 200_000)).media.filter((section) => section.type === 'audio');
  if (audio.length === 0) return 'no audio in the offer';
  const usable = audio.filter((section) => section.port !== 0 && hasUsableCodec(section));
  if (usable.length > 0) return null;
  return audio.every((section) => section.port === 0) ? 'the offer turns its audio off' : 'no codec this phone has';
}

function hasUsableCodec(section: { payloads?: string; rtp: { payload: number; codec: string }[] }): boolean {
  const payloads = String(section.payloads ?? '')
    .split(' ')
    .map(Number)
    .filter((payload) => Number.isInteger(payload));
  return payloads.some((payload) => {
    const mapped = section.rtp.find((entry) => entry.payload === payload);
    return mapped === undefined ? USABLE_STATIC_PAYLOADS.has(payload) : USABLE_CODECS.has(mapped.codec.toLowerCase());
  });
}
