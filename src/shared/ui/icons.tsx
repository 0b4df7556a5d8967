import type { JSX } from 'preact';

/**
 * The extension's own drawn icons (24-unit SVG in `currentColor`), so nothing depends on an emoji font the machine may
 * not have (issue #10.6) and every view speaks the same visual language (issue #12). An icon is decoration: whoever
 * shows it gives the words — a label beside it, or the accessible name and tooltip of an icon button.
 */
export type IconName =
  | 'answer'
  | 'hang-up'
  | 'hold'
  | 'resume'
  | 'mute'
  | 'unmute'
  | 'transfer'
  | 'park'
  | 'conference'
  | 'keypad'
  | 'do-not-disturb'
  | 'forward'
  | 'off-hook'
  | 'voicemail'
  | 'lamp'
  | 'offline'
  | 'settings'
  | 'help'
  | 'logout'
  | 'history'
  | 'trace'
  | 'redial'
  | 'auto-answer'
  | 'more'
  | 'close'
  | 'chevron-down'
  | 'chevron-right'
  | 'grip'
  | 'arrow-up'
  | 'back'
  | 'arrow-down'
  | 'open-window'
  | 'contacts'
  | 'queue'
  | 'bell'
  | 'warning'
  | 'error'
  | 'star'
  | 'star-outline'
  | 'plus'
  | 'import'
  | 'export'
  | 'search'
  | 'incoming'
  | 'outgoing'
  | 'pickup'
  | 'grid'
  | 'list';

/** Stroke drawing: round ends and joins, 2 units wide, no fill. */
const STROKE = {
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': 2,
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
} as const;

/** A handset, earpiece at the top left and mouthpiece at the bottom right: the shape answer and hang-up share. */
const HANDSET =
  'M7.5 3.5L10 8.5 8.2 10.3c1.1 2.3 3.2 4.4 5.5 5.5l1.8-1.8 5 2.5-1 3.3c-.3.8-1.1 1.2-1.9 1.1C9.8 19.9 4.1 14.2 3.1 6.4 3 5.6 3.4 4.8 4.2 4.5z';

/**
 * Filled dots of radius `r` at each centre, as one path of circles (two arcs each): a keypad is one element to create
 * and draw, not twelve (a console of five calls drew ~60 circles).
 */
function dots(centres: readonly (readonly [number, number])[], r: number): JSX.Element {
  const circles = centres.map(([x, y]) => `M${x - r} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`);
  return <path d={circles.join('')} fill="currentColor" />;
}

const PATHS: Record<IconName, JSX.Element> = {
  answer: <path d={HANDSET} fill="currentColor" />,
  // The handset laid down on its cradle, both ends down.
  'hang-up': <path d={HANDSET} fill="currentColor" transform="rotate(135 12 12) translate(0 -1)" />,
  hold: (
    <>
      <rect x="6" y="5" width="4" height="14" rx="1" fill="currentColor" />
      <rect x="14" y="5" width="4" height="14" rx="1" fill="currentColor" />
    </>
  ),
  resume: <path d="M7 4.5v15l12-7.5z" fill="currentColor" />,
  unmute: (
    <>
      <rect x="9" y="3" width="6" height="11" rx="3" {...STROKE} />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7" {...STROKE} />
    </>
  ),
  // The microphone, struck through.
  mute: (
    <>
      <rect x="9" y="3" width="6" height="11" rx="3" {...STROKE} />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7M4 4l16 16" {...STROKE} />
    </>
  ),
  // An arrow to a bar: the call goes on to someone else.
  transfer: <path d="M3 12h12M11 7l5 5-5 5M20 5v14" {...STROKE} />,
  // A P on a sign.
  park: (
    <>
      <rect x="3.5" y="3.5" width="17" height="17" rx="3" {...STROKE} />
      <path d="M10 17V7.5h3a3 3 0 0 1 0 6h-3" {...STROKE} />
    </>
  ),
  // Three heads together.
  conference: (
    <>
      <circle cx="12" cy="8" r="3" {...STROKE} />
      <circle cx="5" cy="10" r="2.2" {...STROKE} />
      <circle cx="19" cy="10" r="2.2" {...STROKE} />
      <path d="M6.5 20a5.5 5.5 0 0 1 11 0M1.5 19a3.5 3.5 0 0 1 4-3.4M22.5 19a3.5 3.5 0 0 0-4-3.4" {...STROKE} />
    </>
  ),
  // Twelve keys.
  keypad: dots(
    [5, 12, 19].flatMap((x) => [3.5, 9, 14.5, 20].map((y) => [x, y] as const)),
    1.9,
  ),
  // A no-entry sign: a disc with a bar across.
  'do-not-disturb': (
    <>
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <rect x="6" y="10.5" width="12" height="3" rx="1" fill="var(--icon-knockout, #fff)" />
    </>
  ),
  // An arrow turning away: the call goes elsewhere.
  forward: <path d="M4 18v-4a6 6 0 0 1 6-6h8M14 4l4 4-4 4" {...STROKE} stroke-width="2.4" />,
  // The guide's red bean: the line is off-hook (on a call).
  'off-hook': <ellipse cx="12" cy="12" rx="9" ry="6" fill="currentColor" />,
  // An envelope.
  voicemail: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" {...STROKE} />
      <path d="M4 7l8 6 8-6" {...STROKE} />
    </>
  ),
  // A lit lamp.
  lamp: <circle cx="12" cy="12" r="7" fill="currentColor" />,
  // An unlit lamp: a dashed ring.
  offline: <circle cx="12" cy="12" r="7" {...STROKE} stroke-dasharray="3.5 3" />,
  // Three sliders.
  settings: (
    <>
      <path d="M4 6h16M4 12h16M4 18h16" {...STROKE} />
      <circle cx="9" cy="6" r="2.2" {...STROKE} fill="var(--icon-knockout, #fff)" />
      <circle cx="15" cy="12" r="2.2" {...STROKE} fill="var(--icon-knockout, #fff)" />
      <circle cx="7" cy="18" r="2.2" {...STROKE} fill="var(--icon-knockout, #fff)" />
    </>
  ),
  help: (
    <>
      <circle cx="12" cy="12" r="9.5" {...STROKE} />
      <path d="M9.3 9.3a2.8 2.8 0 1 1 3.9 2.6c-.8.4-1.2 1-1.2 1.9v.4" {...STROKE} />
      <circle cx="12" cy="17.3" r="1.2" fill="currentColor" />
    </>
  ),
  // Out of the door.
  logout: <path d="M10 4H5v16h5M14 8l4 4-4 4M18 12H9" {...STROKE} />,
  // A clock.
  history: (
    <>
      <circle cx="12" cy="12" r="9" {...STROKE} />
      <path d="M12 7v5l3.5 2" {...STROKE} />
    </>
  ),
  // A flag: the call is marked for tracing.
  trace: <path d="M5 21V4h12l-2.5 4 2.5 4H5" {...STROKE} />,
  // Round again.
  redial: <path d="M20 12a8 8 0 1 1-2.4-5.7M20 3.5V8h-4.5" {...STROKE} />,
  // A bolt: calls answered at once.
  'auto-answer': <path d="M13 2.5L4.5 13.5H11l-1 8 8.5-11H12z" {...STROKE} />,
  more: dots(
    [
      [12, 5],
      [12, 12],
      [12, 19],
    ],
    2,
  ),
  close: <path d="M6 6l12 12M18 6L6 18" {...STROKE} />,
  'chevron-down': <path d="M6 9l6 6 6-6" {...STROKE} />,
  'chevron-right': <path d="M9 6l6 6-6 6" {...STROKE} />,
  // Six dots: this can be dragged.
  grip: dots(
    [9, 15].flatMap((x) => [6, 12, 18].map((y) => [x, y] as const)),
    1.6,
  ),
  'arrow-up': <path d="M12 20V5M6 11l6-6 6 6" {...STROKE} />,
  back: <path d="M19 12H5M11 6l-6 6 6 6" {...STROKE} />,
  'arrow-down': <path d="M12 4v15M6 13l6 6 6-6" {...STROKE} />,
  // A window with an arrow leaving it.
  'open-window': (
    <path d="M11 4H5a1 1 0 0 0-1 1v14a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-6M14 3.5h6.5V10M20 4l-9 9" {...STROKE} />
  ),
  // An address book.
  contacts: (
    <>
      <rect x="5" y="3" width="15" height="18" rx="2" {...STROKE} />
      <circle cx="12.5" cy="10" r="2.6" {...STROKE} />
      <path d="M8.5 17a4 4 0 0 1 8 0M3 7h3M3 12h3M3 17h3" {...STROKE} />
    </>
  ),
  // Callers in a line.
  queue: (
    <>
      {dots(
        [
          [5, 7],
          [5, 12],
          [5, 17],
        ],
        2,
      )}
      <path d="M10 7h10M10 12h10M10 17h7" {...STROKE} />
    </>
  ),
  bell: (
    <>
      <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z" {...STROKE} />
      <path d="M10 20.5a2 2 0 0 0 4 0" {...STROKE} />
    </>
  ),
  warning: (
    <>
      <path d="M12 3.5L2.5 20h19z" {...STROKE} />
      <path d="M12 10v4.5" {...STROKE} />
      <circle cx="12" cy="17.2" r="1.2" fill="currentColor" />
    </>
  ),
  error: (
    <>
      <circle cx="12" cy="12" r="9.5" {...STROKE} />
      <path d="M12 7v6" {...STROKE} />
      <circle cx="12" cy="16.5" r="1.2" fill="currentColor" />
    </>
  ),
  star: <path d="M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z" fill="currentColor" />,
  'star-outline': <path d="M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z" {...STROKE} />,
  plus: <path d="M12 5v14M5 12h14" {...STROKE} />,
  // Into the tray / out of the tray.
  import: <path d="M12 3v12M7 10l5 5 5-5M4 17v3h16v-3" {...STROKE} />,
  export: <path d="M12 15V3M7 8l5-5 5 5M4 17v3h16v-3" {...STROKE} />,
  search: (
    <>
      <circle cx="10.5" cy="10.5" r="6.5" {...STROKE} />
      <path d="M15.5 15.5L21 21" {...STROKE} />
    </>
  ),
  incoming: <path d="M18 6L7 17M7 9v8h8" {...STROKE} />,
  outgoing: <path d="M6 18L17 7M9 7h8v8" {...STROKE} />,
  // A call taken from another phone: an arrow reaching in towards the handset.
  pickup: (
    <>
      <path d={HANDSET} fill="currentColor" transform="translate(0 3) scale(0.85)" />
      <path d="M21 3l-6.5 6.5M14.5 4.5v5h5" {...STROKE} />
    </>
  ),
  grid: (
    <>
      <rect x="4" y="4" width="6.5" height="6.5" rx="1" {...STROKE} />
      <rect x="13.5" y="4" width="6.5" height="6.5" rx="1" {...STROKE} />
      <rect x="4" y="13.5" width="6.5" height="6.5" rx="1" {...STROKE} />
      <rect x="13.5" y="13.5" width="6.5" height="6.5" rx="1" {...STROKE} />
    </>
  ),
  list: <path d="M4 6h16M4 12h16M4 18h16" {...STROKE} />,
};

export function Icon({ name, class: className = '' }: { name: IconName; class?: string }) {
  return (
    <svg
      class={`icon ${className}`}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
      data-icon={name}
    >
      {PATHS[name]}
    </svg>
  );
}

/** Every icon, for the tests that draw the whole set. */
export const ICON_NAMES = Object.keys(PATHS) as IconName[];
