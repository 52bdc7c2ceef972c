import { PreferencesStore } from '../../../../electron/core/preferencesStore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { startHarness, TOKEN_HEADER } from '../../../../electron/harness/server';
import type { Harness } from '../../../../electron/harness/server';
import { createHandlers } from '../../../../electron/core/handlers';
import { PlanStore } from '../../../../electron/core/planStore';
import { decodePlanFile } from '../../../../electron/core/planFileCodec';
import { counterIds, makeDocument, makeTempDir, removeDir } from '../../../support/fixtures';

let dir: string;
let rendererDir: string;
let dataFile: string;
let harness: Harness | undefined;

const INDEX_HTML = '<!doctype html><html><head></head><body><div id="root"></div></body></html>';

beforeEach(async () => {
  dir = await makeTempDir('apt-harness-');
  rendererDir = join(dir, 'renderer');
  dataFile = join(dir, 'data', 'plan.json');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), INDEX_HTML);
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(join(dir, 'secret.txt'), 'do not serve me');
  const store = await PlanStore.open(dataFile, makeDocument);
  const handlers = createHandlers({
    store,
    demoDocument: makeDocument,
    user: 'Harness User',
    clock: () => new Date('2016-06-15T12:00:00.000Z'),
    newId: counterIds(),
    preferences: new PreferencesStore(join(dir, 'preferences.json')),
    templatesDir: join(dir, 'templates'),
  });
  harness = await startHarness({ handlers, rendererDir });
});

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await removeDir(dir);
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent exactly as given (fetch would normalise "/../"). */
function raw(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const url = new URL(harness!.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** `token` null sends no token header at all. */
function api(method: string, input: unknown, token: string | null = harness!.token): Promise<RawResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers[TOKEN_HEADER] = token;
  return raw('POST', `/api/${method}`, { headers, body: JSON.stringify(input) });
}

describe('startHarness', () => {
  it('listens on loopback only, with a long random token', () => {
    expect(harness!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(harness!.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('refuses an API call without the token (403)', async () => {
    const response = await api('getState', {}, null);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toEqual({ error: 'Missing or wrong API token.' });
  });

  it('refuses an API call with a wrong token (403), whatever its length', async () => {
    expect((await api('getState', {}, 'f'.repeat(48))).status).toBe(403);
    expect((await api('getState', {}, 'short')).status).toBe(403);
    expect((await api('getState', {}, '')).status).toBe(403);
  });

  it('answers an API call with the right token (200, ok:true)', async () => {
    const response = await api('getState', {});
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['cache-control']).toBe('no-store');
    const result = JSON.parse(response.body);
    expect(result.ok).toBe(true);
    expect(result.value.today).toBe('2016-06-15');
    expect(result.value.user).toBe('Harness User');
    expect(result.value.document.actions).toHaveLength(4);
  });

  it('carries an edit through to the data file', async () => {
    const response = await api('updateAction', { id: 'action-1', changes: { status: 'complete' } });
    expect(response.status).toBe(200);
    const answer = JSON.parse(response.body);
    expect(answer.ok).toBe(true);
    // The edit is answered before it is written: the page asks when the file holds it.
    const saved = await api('whenSaved', { revision: answer.value.revision });
    expect(JSON.parse(saved.body)).toMatchObject({ ok: true, value: { saved: true } });
    const onDisk = decodePlanFile(dataFile, await readFile(dataFile, 'utf8'));
    expect(onDisk.actions[0]!.status).toBe('complete');
  });

  it('passes invalid input to the handlers, which answer invalid_input', async () => {
    const response = await api('updateAction', { id: 'action-1', changes: { status: 'done' } });
    expect(response.status).toBe(200);
    const result = JSON.parse(response.body);
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.problems[0].field).toBe('changes.status');
  });

  it('treats an empty body as an empty input', async () => {
    const response = await raw('POST', '/api/getState', { headers: { [TOKEN_HEADER]: harness!.token } });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).ok).toBe(true);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await raw('POST', '/api/getState', { headers: { [TOKEN_HEADER]: harness!.token }, body: '{nope' });
    expect(response.status).toBe(400);
  });

  it('answers 404 to an unknown method', async () => {
    const response = await api('dropDatabase', {});
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body).error).toContain('dropDatabase');
  });

  it('answers 405 to an API call that is not POST', async () => {
    const response = await raw('GET', '/api/getState', { headers: { [TOKEN_HEADER]: harness!.token } });
    expect(response.status).toBe(405);
  });

  it('serves index.html at / with the token injected as a meta tag, checked again on every visit', async () => {
    const response = await raw('GET', '/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(
      `<!doctype html><html><head><meta name="api-token" content="${harness!.token}"></head><body><div id="root"></div></body></html>`,
    );
  });

  it('injects the token for /index.html too', async () => {
    const response = await raw('GET', '/index.html');
    expect(response.body).toContain(`<meta name="api-token" content="${harness!.token}">`);
  });

  it('serves other files with their content type, untouched, the hashed build files to be kept', async () => {
    const response = await raw('GET', '/assets/app.js?v=1');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.body).toBe('console.log("app");');
  });

  it('answers 404 to a missing file', async () => {
    expect((await raw('GET', '/nope.js')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/../../package.json',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/../../secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..\\secret.txt',
  ])('answers 404 to the traversal %s and never serves the file', async (path) => {
    const response = await raw('GET', path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('do not serve me');
  });

  it('does not serve a sibling folder whose name starts with the renderer folder name', async () => {
    await mkdir(join(dir, 'renderer-private'));
    await writeFile(join(dir, 'renderer-private', 'x.txt'), 'private');
    const response = await raw('GET', '/..%2frenderer-private%2fx.txt');
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('private');
  });

  it('answers a malformed percent-encoding without crashing', async () => {
    // decodeURIComponent throws here; the server answers an error (currently 500) and keeps serving.
    const response = await raw('GET', '/%E0%A4%A');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.body).not.toContain('do not serve me');
    expect((await raw('GET', '/')).status).toBe(200);
  });

  // KNOWN BUG (reported, not fixed): the page that carries the token is served whatever the Host header says,
  // so a web page using DNS rebinding (evil.example resolving to 127.0.0.1) is same-origin with the harness,
  // can read the token from GET / and then call the API. Checking Host against 127.0.0.1:<port> and
  // localhost:<port> closes it. Change `it.fails` to `it` once fixed.
  it('refuses a request whose Host header is not the loopback address (DNS rebinding)', async () => {
    const port = new URL(harness!.url).port;
    const page = await raw('GET', '/', { headers: { host: `evil.example:${port}` } });
    expect(page.body).not.toContain(harness!.token);
    const call = await raw('POST', '/api/getState', {
      headers: { host: `evil.example:${port}`, [TOKEN_HEADER]: harness!.token },
    });
    expect(call.status).toBe(403);
  });

  it('forbids framing on every answer: frame-ancestors in its Content-Security-Policy and X-Frame-Options', async () => {
    const port = new URL(harness!.url).port;
    const answers = [
      await raw('GET', '/'),
      await raw('GET', '/assets/app.js'),
      await raw('GET', '/nope.js'),
      await raw('GET', '/../secret.txt'),
      await api('getState', {}),
      await api('getState', {}, null),
      await raw('GET', '/', { headers: { host: `evil.example:${port}` } }),
    ];
    for (const answer of answers) {
      expect(answer.headers['x-frame-options']).toBe('DENY');
      const policy = String(answer.headers['content-security-policy']);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("script-src 'self'");
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('stops listening after close', async () => {
    const url = harness!.url;
    await harness!.close();
    harness = undefined;
    await expect(fetch(url)).rejects.toThrow();
  });
});
