/** The parts of an IPC event the guard reads; a plain object in tests, Electron's event in the app. */
export interface SenderInfo {
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * A URL's origin as Chromium sees it. Node gives a custom scheme's URL the opaque origin "null", yet the app's
 * own app:// scheme is registered as standard, so its origin is its scheme and host. A URL with no host
 * (file:, data:, about:blank) has no origin to trust.
 */
function originOf(url: URL): string | null {
  if (url.origin !== 'null') return url.origin;
  return url.host === '' ? null : `${url.protocol}//${url.host}`;
}

/**
 * Only the app's own page, in its top frame, may call the handlers: a frame from anywhere else (an
 * injected iframe, a page navigated to by mistake) is refused.
 */
export function isTrustedSender(event: SenderInfo, appUrl: string): boolean {
  const frame = event.senderFrame;
  if (frame?.parent !== null) return false;
  try {
    const app = originOf(new URL(appUrl));
    return app !== null && originOf(new URL(frame.url)) === app;
  } catch {
    return false;
  }
}
