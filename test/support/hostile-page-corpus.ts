/**
 * Web pages that attack the click-to-call content script (issue #16): markup hidden in numbers, `javascript:` and
 * other schemes, bidirectional and invisible characters, shadow DOM, frames, and a script that clones, moves, rewrites
 * and fires synthetic events at every link the extension made. Every payload fetches a trip-wire URL if it ever runs
 * or renders as markup, in the page or in any context of the extension.
 */

/** What the extension may do with a case: leave it alone, or link it to exactly the number a reader sees. */
export type HostileCaseExpectation = 'not-linked' | 'as-shown' | 'any';

export interface HostilePageCase {
  readonly id: string;
  readonly expect: HostileCaseExpectation;
  /** The case's markup, placed in `<div class="case" id="…">`; page text is escaped, so a payload is text. */
  readonly html: string;
}

/** The trip-wire id the attack fetches on purpose, as the control that the page's script ran. */
export const ATTACK_RAN = 'attack-ran-not-a-payload';

/** The number every "as-shown" case writes (French national form) and the one a link to it must dial. */
export const SHOWN_NUMBER = '01 23 45 67 89';
export const SHOWN_E164 = '+33123456789';

const escapeText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replaceAll('"', '&quot;');

/** The cases of one page; `trip(id)` is a URL that counts a fetch. */
export function hostilePageCases(trip: (id: string) => string): HostilePageCase[] {
  const img = (id: string) => `<img src="${trip(id)}">`;
  const script = (id: string) => `<script>fetch("${trip(id)}")</script>`;
  const text = (id: string, value: string, expect: HostileCaseExpectation = 'as-shown'): HostilePageCase => ({
    id,
    expect,
    html: escapeText(value),
  });
  return [
    // Markup written as text beside, around and inside numbers: it must stay text.
    text('markup-after', `${SHOWN_NUMBER}${img('markup-after')}`),
    text('markup-before', `${script('markup-before')}${SHOWN_NUMBER}`),
    text('markup-svg', `Tél. ${SHOWN_NUMBER} <svg onload=fetch("${trip('markup-svg')}")>`),
    text('markup-in-extension', `${SHOWN_NUMBER} poste <img src=x onerror=fetch("${trip('markup-ext')}")>12`, 'any'),
    text('markup-split', `01 23 <b>45</b> 67 89<iframe src="${trip('markup-split')}">`, 'any'),
    {
      id: 'attribute-payload',
      expect: 'as-shown',
      html: `<span title="${escapeAttribute(`">${img('attribute-title')}`)}" data-number="${escapeAttribute(img('attribute-data'))}">${SHOWN_NUMBER}</span>`,
    },
    // Links of other schemes, or whose address carries markup: never called, never taken over into a call.
    {
      id: 'javascript-link',
      expect: 'not-linked',
      html: `<a href="javascript:fetch('${trip('javascript-link')}')">${SHOWN_NUMBER}</a>`,
    },
    {
      id: 'data-link',
      expect: 'not-linked',
      html: `<a href="${escapeAttribute(`data:text/html,${script('data-link')}`)}">${SHOWN_NUMBER}</a>`,
    },
    {
      id: 'tel-with-markup',
      expect: 'any',
      html: `<a href="${escapeAttribute(`tel:+33123456789">${img('tel-markup')}`)}">Appeler</a>`,
    },
    {
      id: 'sip-with-markup',
      expect: 'any',
      html: `<a href="${escapeAttribute(`sip:"${img('sip-markup')}"@evil.example`)}">Support</a>`,
    },
    {
      id: 'callto-javascript',
      expect: 'any',
      html: `<a href="${escapeAttribute(`callto:javascript:fetch('${trip('callto-js')}')`)}">Appeler</a>`,
    },
    // Bidirectional and invisible characters: a link must dial what the reader sees, or not be made.
    text('right-to-left-override', `\u202e98 76 54 32 10\u202c`, 'not-linked'),
    text('left-to-right-override-inside', `01 23 \u202d45 67\u202c 89`, 'any'),
    text('isolate', `\u206701 23 45 67 89\u2069`, 'any'),
    text('zero-width-spaces', `01\u200b23\u200b45\u200b67\u200b89`, 'any'),
    text('word-joiners', `01\u206023\u206045\u206067\u206089`, 'any'),
    text('soft-hyphens', `01\u00ad23\u00ad45\u00ad67\u00ad89`, 'any'),
    text('arabic-indic-digits', '٠١ ٢٣ ٤٥ ٦٧ ٨٩', 'any'),
    text('fullwidth-digits', '０１ ２３ ４５ ６７ ８９', 'any'),
    text('hidden-digit', `01 23 45 67 8<span style="display:none">0</span>9`, 'any'),
    // Numbers the page hides from the DOM a content script walks, or splits absurdly.
    { id: 'open-shadow', expect: 'any', html: '<span data-shadow="open"></span>' },
    { id: 'closed-shadow', expect: 'any', html: '<span data-shadow="closed"></span>' },
    {
      id: 'deep-split',
      expect: 'any',
      html: `${'<span>'.repeat(60)}01 23 45${'</span>'.repeat(60)} 67 89`,
    },
    { id: 'huge-digit-run', expect: 'not-linked', html: '7'.repeat(200_000) },
    // Frames: another page of the site, a same-origin document, a sandboxed one.
    {
      id: 'frame',
      expect: 'any',
      html: '<iframe src="hostile-frame.html" title="frame" width="300" height="80"></iframe>',
    },
    {
      id: 'srcdoc-frame',
      expect: 'any',
      html: `<iframe title="srcdoc" srcdoc="${escapeAttribute(`<p>${SHOWN_NUMBER}</p><script>setInterval(()=>document.querySelectorAll('a,[role=link]').forEach((l)=>l.click()),100)</script>`)}"></iframe>`,
    },
    {
      id: 'sandboxed-frame',
      expect: 'any',
      html: '<iframe sandbox="allow-scripts" src="hostile-frame.html" title="sandboxed"></iframe>',
    },
  ];
}

/** The script of both pages: shadow roots filled in, then, when the test says so, every attack at once. */
function attackScript(trip: (id: string) => string): string {
  return `
    for (const host of document.querySelectorAll('[data-shadow]')) {
      const root = host.attachShadow({ mode: host.dataset.shadow });
      const p = document.createElement('p');
      p.textContent = '${SHOWN_NUMBER}';
      root.append(p);
    }
    // The page's own prototypes, rewritten: the content script lives in another world and must not care.
    Object.defineProperty(Event.prototype, 'isTrusted', { get: () => true });
    const realClick = HTMLElement.prototype.click;
    window.links = () => Array.from(document.querySelectorAll('a, [role="link"]'));
    window.attack = () => {
      const fire = (element) => {
        for (const type of ['pointerover', 'mouseover', 'pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'auxclick', 'dblclick', 'contextmenu']) {
          element.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window, detail: 1, button: 0, buttons: 1 }));
        }
        element.focus();
        for (const key of ['Enter', ' ']) {
          element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
          element.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true }));
        }
        realClick.call(element);
      };
      for (const link of window.links()) {
        if ((link.getAttribute('href') || '').startsWith('javascript:')) continue;
        fire(link);
        // Copies of our links, and our links moved elsewhere, are not ours to call from.
        const clone = link.cloneNode(true);
        document.body.append(clone);
        fire(clone);
        const frame = document.querySelector('iframe:not([sandbox]):not([srcdoc])');
        const other = frame && frame.contentDocument;
        if (other) {
          const moved = other.adoptNode(link.cloneNode(true));
          other.body.append(moved);
          fire(moved);
        }
        link.setAttribute('href', 'tel:+33899000000');
        link.textContent = '08 99 00 00 00';
        fire(link);
      }
      window.postMessage({ sb: 1, to: 'background', type: 'click-to-call/dial', payload: { number: '+33899000000', extension: null, source: 'page-link' } }, '*');
      document.dispatchEvent(new CustomEvent('switchboard-dial', { detail: '+33899000000' }));
      // Not a payload: proof that the page's script ran and could reach the trip wire.
      fetch('${trip(ATTACK_RAN)}').catch(() => {});
      window.attacked = true;
    };
    // A frame attacks by itself, once the content script had time to link its number.
    if (window !== top) setTimeout(() => window.attack(), 1500);`;
}

/** The hostile page (`hostile-corpus.html`) and the page its frames show (`hostile-frame.html`), by name. */
export function hostilePages(trip: (id: string) => string): ReadonlyMap<string, string> {
  const cases = hostilePageCases(trip)
    .map((entry) => `<div class="case" id="${entry.id}" data-expect="${entry.expect}">${entry.html}</div>`)
    .join('\n');
  const page = (title: string, body: string) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeText(title)}</title></head>
<body>${body}<script>${attackScript(trip)}</script></body></html>`;
  return new Map([
    ['hostile-corpus.html', page(`${`<img src="${trip('title')}">`} CRM`, cases)],
    [
      'hostile-frame.html',
      page('frame', `<p id="in-frame">${SHOWN_NUMBER}</p><p>${escapeText(`<img src="${trip('in-frame')}">`)}</p>`),
    ],
  ]);
}
