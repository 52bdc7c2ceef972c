/** The parts of an IPC event the guard reads; a plain object in tests, Electron's event in the app. */
export interface SenderInfo {
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * Only the app's own page, in its top frame, may call the handlers: a frame from anywhere else (an
 * injected iframe, a page navigated to by mistake) is refused.
 */
export function isTrustedSender(event: SenderInfo, appUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    const sender = new URL(frame.url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') {
      return sender.protocol === 'file:' && sender.host === app.host && sender.pathname === app.pathname;
    }
    return sender.origin === app.origin;
  } catch {
    return false;
  }
}
