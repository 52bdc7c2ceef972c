import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_PAGE_URL, rendererPageUrl, serveRendererFile } from '../../../../electron/main/appProtocol';
import { RENDERER_RESPONSE_HEADERS } from '../../../../electron/core/rendererFiles';
import { makeTempDir, removeDir } from '../../../support/fixtures';
import { mainWindowOptions } from '../../../../electron/main/windowOptions';
import { isTrustedSender } from '../../../../electron/main/ipcGuard';
import type { SenderInfo } from '../../../../electron/main/ipcGuard';

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

  it('checks no spelling, so no dictionary is downloaded', () => {
    expect(prefs.spellcheck).toBe(false);
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
  const APP = 'app://renderer/index.html';
  const FILE_PAGE = 'file:///opt/app/out/renderer/index.html';
  const HTTP_APP = 'http://localhost:5173/';

  const top = (url: string): SenderInfo => ({ senderFrame: { url, parent: null } });

  it("accepts the app's own app:// page in the top frame", () => {
    expect(isTrustedSender(top(APP), APP)).toBe(true);
  });

  it('accepts the same page with a hash or query (client-side routing)', () => {
    expect(isTrustedSender(top(`${APP}#/actions`), APP)).toBe(true);
    expect(isTrustedSender(top(`${APP}?view=matrix`), APP)).toBe(true);
  });

  it('refuses the app page in a subframe', () => {
    const event: SenderInfo = { senderFrame: { url: APP, parent: { url: APP } } };
    expect(isTrustedSender(event, APP)).toBe(false);
  });

  it('refuses another app:// host, another port or another scheme with the same host', () => {
    expect(isTrustedSender(top('app://evil/index.html'), APP)).toBe(false);
    expect(isTrustedSender(top('app://renderer:8080/index.html'), APP)).toBe(false);
    expect(isTrustedSender(top('apps://renderer/index.html'), APP)).toBe(false);
    expect(isTrustedSender(top('https://renderer/index.html'), APP)).toBe(false);
  });

  it('refuses every file:// page, the built page itself included: the app is no longer loaded from a file', () => {
    expect(isTrustedSender(top(FILE_PAGE), APP)).toBe(false);
    expect(isTrustedSender(top('file:///tmp/evil.html'), APP)).toBe(false);
    expect(isTrustedSender(top('file://evil-server/opt/app/out/renderer/index.html'), APP)).toBe(false);
    expect(isTrustedSender(top(FILE_PAGE), FILE_PAGE)).toBe(false);
  });

  it('refuses a missing frame', () => {
    expect(isTrustedSender({ senderFrame: null }, APP)).toBe(false);
  });

  it('refuses a garbage URL', () => {
    expect(isTrustedSender(top('not a url'), APP)).toBe(false);
    expect(isTrustedSender(top(''), APP)).toBe(false);
    expect(isTrustedSender(top(APP), 'also not a url')).toBe(false);
  });

  it('compares origins for an http app URL (the development server)', () => {
    expect(isTrustedSender(top('http://localhost:5173/'), HTTP_APP)).toBe(true);
    expect(isTrustedSender(top('http://localhost:5173/some/route?x=1'), HTTP_APP)).toBe(true);
    expect(isTrustedSender(top('http://localhost:5174/'), HTTP_APP)).toBe(false);
    expect(isTrustedSender(top('https://localhost:5173/'), HTTP_APP)).toBe(false);
    expect(isTrustedSender(top('http://127.0.0.1:5173/'), HTTP_APP)).toBe(false);
    expect(isTrustedSender(top('http://localhost.evil.com:5173/'), HTTP_APP)).toBe(false);
    expect(isTrustedSender(top(APP), HTTP_APP)).toBe(false);
  });

  it('refuses an http subframe even from the same origin', () => {
    expect(isTrustedSender({ senderFrame: { url: HTTP_APP, parent: {} } }, HTTP_APP)).toBe(false);
  });

  it('refuses an opaque (data:/about:blank) sender, whose origin "null" must never match another "null"', () => {
    for (const app of [HTTP_APP, APP]) {
      expect(isTrustedSender(top('data:text/html,<p>hi</p>'), app)).toBe(false);
      expect(isTrustedSender(top('about:blank'), app)).toBe(false);
      expect(isTrustedSender(top('app:index.html'), app)).toBe(false);
    }
  });
});

describe('which page the window loads', () => {
  const DEV = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };

  it('is the development server while developing', () => {
    expect(rendererPageUrl(false, DEV)).toBe('http://localhost:5173/');
  });

  it('is always the built page through app:// once packaged, whatever the environment says', () => {
    expect(rendererPageUrl(true, DEV)).toBe(APP_PAGE_URL);
    expect(rendererPageUrl(true, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBe(APP_PAGE_URL);
    expect(rendererPageUrl(false, {})).toBe(APP_PAGE_URL);
    expect(APP_PAGE_URL).toBe('app://renderer/index.html');
  });
});

/** The build's hashed files: a new build is a new name, so a kept copy is never stale. */
const KEPT = 'public, max-age=31536000, immutable';

describe('serveRendererFile (the app:// protocol)', () => {
  let root: string;
  let rendererDir: string;

  beforeAll(async () => {
    root = await makeTempDir('apt-protocol-');
    rendererDir = join(root, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(join(rendererDir, 'assets', 'index-abc.js'), 'export {};');
    await writeFile(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
    await writeFile(join(rendererDir, 'assets', 'data.bin'), 'bytes');
    await writeFile(join(root, 'secret.txt'), 'do not serve me');
    await mkdir(join(root, 'renderer-private'));
    await writeFile(join(root, 'renderer-private', 'x.txt'), 'do not serve me');
  });

  afterAll(async () => {
    await removeDir(root);
  });

  const get = (url: string, method = 'GET') => serveRendererFile(rendererDir, { url, method });

  it.each([
    ['app://renderer/index.html', 'text/html; charset=utf-8', '<!doctype html><title>app</title>', 'no-cache'],
    ['app://renderer/', 'text/html; charset=utf-8', '<!doctype html><title>app</title>', 'no-cache'],
    ['app://renderer/assets/index-abc.js?v=1', 'text/javascript; charset=utf-8', 'export {};', KEPT],
    ['app://renderer/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}', KEPT],
    ['app://renderer/assets/data.bin', 'application/octet-stream', 'bytes', KEPT],
  ])('serves %s as %s with the page policy as a header', async (url, type, body, cacheControl) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('cache-control')).toBe(cacheControl);
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_RESPONSE_HEADERS['content-security-policy']);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(body);
  });

  it.each([
    'app://renderer/..%2fsecret.txt',
    'app://renderer/%2e%2e%2fsecret.txt',
    'app://renderer/assets/..%2f..%2fsecret.txt',
    'app://renderer/..%5csecret.txt',
    'app://renderer/..%2frenderer-private%2fx.txt',
    'app://renderer/index.html%00.js',
    'app://renderer/nope.js',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('answers 404 to %s and never serves a file outside the renderer folder', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('do not serve me');
  });

  it('serves the page, and only the page, as the shell prepares it (with the first screen drawn in)', async () => {
    const prepare = (page: string) => Promise.resolve(page.replace('app', 'app drawn'));
    for (const url of ['app://renderer/index.html', 'app://renderer/']) {
      expect(await (await serveRendererFile(rendererDir, { url, method: 'GET' }, prepare)).text()).toBe(
        '<!doctype html><title>app drawn</title>',
      );
    }
    const script = await serveRendererFile(
      rendererDir,
      { url: 'app://renderer/assets/index-abc.js', method: 'GET' },
      prepare,
    );
    expect(await script.text()).toBe('export {};');
  });

  it('refuses to write, and answers a malformed URL without failing', async () => {
    expect((await get('app://renderer/index.html', 'PUT')).status).toBe(405);
    expect((await get('app://renderer/%E0%A4%A')).status).toBe(400);
    expect(await (await get('app://renderer/index.html', 'HEAD')).text()).toBe('');
  });
});
