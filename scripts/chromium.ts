/**
 * Headless Chromium (Debian's `chromium`, or `CHROMIUM`) as the HTML checks run it: offline, as root, with
 * a new profile each time. Without the networking flags it keeps trying to reach Google's hosts.
 */
export const CHROMIUM = process.env.CHROMIUM ?? 'chromium';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
