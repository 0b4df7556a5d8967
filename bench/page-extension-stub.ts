// The one chrome.* call the scanner makes (link titles), for a plain page (whose `chrome` has no i18n); imported
// before the scanner's modules.
const page = globalThis as unknown as { chrome?: { i18n?: unknown } };
page.chrome ??= {};
page.chrome.i18n ??= { getMessage: (key: string) => key };
