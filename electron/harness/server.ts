import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { API_METHODS } from '../../shared/api/methods';
import type { ApiMethod } from '../../shared/api/methods';
import type { Handlers } from '../core/handlers';
import { loadFirstScreen, pageWithFirstScreen } from '../core/firstScreen';
import { cacheControlOf, contentTypeOf, rendererFilePath, responseHeaders } from '../core/rendererFiles';

export const TOKEN_HEADER = 'x-api-token';
/** Imported workbooks travel as base64 in the body; a 20,000-row plan's workbook stays well under this. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface HarnessOptions {
  handlers: Handlers;
  rendererDir: string;
  port?: number;
}

export interface Harness {
  url: string;
  token: string;
  close: () => Promise<void>;
}

function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('Request body is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  type = 'application/json',
  cacheControl?: string,
): void {
  response.writeHead(status, responseHeaders(type, cacheControl));
  response.end(body);
}

/**
 * Serves the built renderer and answers `POST /api/<method>` with the app's own handlers, so the real UI can
 * run and be tested in a plain browser. Loopback only, on a random port, and every call must carry the
 * per-run token the page is served with.
 */
export async function startHarness({ handlers, rendererDir, port = 0 }: HarnessOptions): Promise<Harness> {
  const token = randomBytes(24).toString('hex');
  // Built beside the renderer (out/main beside out/renderer), as the desktop app has it.
  const firstScreen = loadFirstScreen(join(rendererDir, '..', 'main', 'firstScreen.js'));

  const serveApi = async (method: string, request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST') return send(response, 405, JSON.stringify({ error: 'Use POST.' }));
    if (!sameToken(request.headers[TOKEN_HEADER], token))
      return send(response, 403, JSON.stringify({ error: 'Missing or wrong API token.' }));
    if (!isApiMethod(method)) return send(response, 404, JSON.stringify({ error: `Unknown method ${method}.` }));
    let input: unknown;
    try {
      const body = await readBody(request);
      input = body ? JSON.parse(body) : {};
    } catch (error) {
      return send(
        response,
        400,
        JSON.stringify({ error: error instanceof Error ? error.message : 'Bad request body.' }),
      );
    }
    send(response, 200, JSON.stringify(await handlers[method](input)));
  };

  const serveFile = async (pathname: string, response: ServerResponse) => {
    const file = rendererFilePath(rendererDir, pathname);
    if (file === null) return send(response, 404, 'Not found', 'text/plain');
    try {
      let content = await readFile(file);
      if (file === rendererFilePath(rendererDir, '/')) {
        const page = content.toString('utf8').replace('</head>', `<meta name="api-token" content="${token}"></head>`);
        content = Buffer.from(await pageWithFirstScreen(page, handlers, firstScreen));
      }
      send(response, 200, content as unknown as string, contentTypeOf(file), cacheControlOf(pathname));
    } catch {
      send(response, 404, 'Not found', 'text/plain');
    }
  };

  let allowedHosts: readonly string[] = [];
  const server = createServer((request, response) => {
    // A page elsewhere that rebinds its own name to 127.0.0.1 would be same-origin with the harness:
    // only requests addressed to the loopback names are answered.
    if (!allowedHosts.includes(request.headers.host ?? ''))
      return send(response, 403, JSON.stringify({ error: 'Wrong host.' }));
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return send(response, 400, JSON.stringify({ error: 'Malformed URL.' }));
    }
    const task = pathname.startsWith('/api/')
      ? serveApi(pathname.slice(5), request, response)
      : serveFile(pathname, response);
    task.catch((error: unknown) => send(response, 500, JSON.stringify({ error: String(error) })));
  });
  await new Promise<void>((resolveListen) => server.listen(port, '127.0.0.1', resolveListen));
  const { port: actualPort } = server.address() as AddressInfo;
  allowedHosts = [`127.0.0.1:${actualPort}`, `localhost:${actualPort}`];
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    token,
    close: () => new Promise<void>((resolveClose) => server.close(() => resolveClose())),
  };
}
