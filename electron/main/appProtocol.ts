import type { CustomScheme } from 'electron';
import { readFile } from 'node:fs/promises';
import { cacheControlOf, contentTypeOf, rendererFilePath, responseHeaders } from '../core/rendererFiles';

export const APP_SCHEME = 'app';
const APP_HOST = 'renderer';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Registered before the app is ready. `standard` gives the page an origin of its own (app://renderer) and
 * relative URLs, `secure` makes it a secure context like https. Not `corsEnabled`: that would let other
 * origins read these files. Not `bypassCSP`: the page keeps its policy. `codeCache` keeps the scripts'
 * compiled code in the profile (Electron does it only for http(s) unless a standard scheme asks), so a window
 * opened again does not parse and compile the renderer before it shows a row.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/**
 * The page the window loads. While developing, electron-vite's server names it in ELECTRON_RENDERER_URL; a
 * packaged app never takes it from the environment, or anyone able to set a variable could give their own
 * page the preload bridge and so the plan.
 */
export function rendererPageUrl(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): string {
  const devServer = env.ELECTRON_RENDERER_URL;
  return !isPackaged && devServer ? devServer : APP_PAGE_URL;
}

function answer(
  status: number,
  body: BodyInit | null,
  type = 'text/plain; charset=utf-8',
  cacheControl?: string,
): Response {
  return new Response(body, { status, headers: responseHeaders(type, cacheControl) });
}

/**
 * Answers an app:// request with a file of the built renderer, and nothing outside its folder. Replaces
 * file://, which lets a page read any file the user can once it runs script.
 */
export async function serveRendererFile(
  rendererDir: string,
  request: { url: string; method: string },
  /** What the page (index.html) is served as: the desktop draws the plan's first screen into it. */
  preparePage: (page: string) => Promise<string> = (page) => Promise.resolve(page),
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'Method not allowed');
  let pathname: string;
  try {
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return answer(404, 'Not found');
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return answer(400, 'Malformed URL');
  }
  const file = rendererFilePath(rendererDir, pathname);
  if (file === null) return answer(404, 'Not found');
  try {
    const bytes =
      file === rendererFilePath(rendererDir, '/')
        ? Buffer.from(await preparePage(await readFile(file, 'utf8')))
        : await readFile(file);
    const body = request.method === 'HEAD' ? null : new Uint8Array(bytes);
    return answer(200, body, contentTypeOf(file), cacheControlOf(pathname));
  } catch {
    return answer(404, 'Not found');
  }
}
