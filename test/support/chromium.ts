/**
 * Debian's Chromium and the flags every run here needs. Background networking, component updates and sync would try
 * to reach Google's hosts, which this machine cannot; QUIC is off for the same reason; the sandbox needs a user
 * namespace that a root CI run does not give.
 */
export const CHROMIUM_PATH = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_BASE_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // A desk's screen: headless Chromium's default one is 800×600, and windows the extension opens (the console's own
  // window) are kept inside it.
  '--screen-info={1920x1080}',
];

/** Added for the extension's tests: media on 127.0.0.1 and fake audio devices without prompts. */
export const CHROMIUM_MEDIA_ARGS: readonly string[] = [
  '--allow-loopback-in-peer-connection',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];
