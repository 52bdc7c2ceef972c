import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../electron/main/windowOptions';
import { isTrustedSender } from '../../electron/main/ipcGuard';
import type { SenderInfo } from '../../electron/main/ipcGuard';

describe('mainWindowOptions', () => {
  const PRELOAD = '/opt/app/out/preload/index.cjs';
  const prefs = mainWindowOptions(PRELOAD).webPreferences!;

  it('passes the preload path through', () => {
    expect(prefs.preload).toBe(PRELOAD);
    expect(mainWindowOptions('/elsewhere/preload.cjs').webPreferences!.preload).toBe('/elsewhere/preload.cjs');
  });

  it("follows Electron's security checklist", () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('does not enable remote module style escape hatches', () => {
    const keys = Object.keys(prefs);
    expect(keys).not.toContain('enableRemoteModule');
    expect(keys).not.toContain('enableBlinkFeatures');
  });

  it('starts hidden until ready to show', () => {
    expect(mainWindowOptions(PRELOAD).show).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const FILE_APP = 'file:///opt/app/out/renderer/index.html';
  const HTTP_APP = 'http://localhost:5173/';

  const top = (url: string): SenderInfo => ({ senderFrame: { url, parent: null } });

  it("accepts the app's own file:// page in the top frame", () => {
    expect(isTrustedSender(top(FILE_APP), FILE_APP)).toBe(true);
  });

  it('accepts the same page with a hash or query (client-side routing)', () => {
    expect(isTrustedSender(top(`${FILE_APP}#/actions`), FILE_APP)).toBe(true);
    expect(isTrustedSender(top(`${FILE_APP}?view=matrix`), FILE_APP)).toBe(true);
  });

  it('refuses the app page in a subframe', () => {
    const event: SenderInfo = { senderFrame: { url: FILE_APP, parent: { url: FILE_APP } } };
    expect(isTrustedSender(event, FILE_APP)).toBe(false);
  });

  it('refuses another file:// path', () => {
    expect(isTrustedSender(top('file:///tmp/evil.html'), FILE_APP)).toBe(false);
    expect(isTrustedSender(top('file:///opt/app/out/renderer/other.html'), FILE_APP)).toBe(false);
  });

  it('refuses the same path on another host (a UNC share on Windows)', () => {
    expect(isTrustedSender(top('file://evil-server/opt/app/out/renderer/index.html'), FILE_APP)).toBe(false);
  });

  it('refuses another origin when the app is a file', () => {
    expect(isTrustedSender(top('https://example.com/opt/app/out/renderer/index.html'), FILE_APP)).toBe(false);
  });

  it('refuses a missing frame', () => {
    expect(isTrustedSender({ senderFrame: null }, FILE_APP)).toBe(false);
  });

  it('refuses a garbage URL', () => {
    expect(isTrustedSender(top('not a url'), FILE_APP)).toBe(false);
    expect(isTrustedSender(top(''), FILE_APP)).toBe(false);
    expect(isTrustedSender(top(FILE_APP), 'also not a url')).toBe(false);
  });

  it('compares origins for an http app URL', () => {
    expect(isTrustedSender(top('http://localhost:5173/'), HTTP_APP)).toBe(true);
    expect(isTrustedSender(top('http://localhost:5173/some/route?x=1'), HTTP_APP)).toBe(true);
    expect(isTrustedSender(top('http://localhost:5174/'), HTTP_APP)).toBe(false);
    expect(isTrustedSender(top('https://localhost:5173/'), HTTP_APP)).toBe(false);
    expect(isTrustedSender(top('http://127.0.0.1:5173/'), HTTP_APP)).toBe(false);
    expect(isTrustedSender(top('http://localhost.evil.com:5173/'), HTTP_APP)).toBe(false);
  });

  it('refuses a file:// sender when the app is served over http', () => {
    expect(isTrustedSender(top(FILE_APP), HTTP_APP)).toBe(false);
  });

  it('refuses an http subframe even from the same origin', () => {
    expect(isTrustedSender({ senderFrame: { url: HTTP_APP, parent: {} } }, HTTP_APP)).toBe(false);
  });

  it('refuses an opaque (data:/about:blank) sender', () => {
    expect(isTrustedSender(top('data:text/html,<p>hi</p>'), HTTP_APP)).toBe(false);
    expect(isTrustedSender(top('about:blank'), HTTP_APP)).toBe(false);
  });
});
