import { extname, isAbsolute, normalize, relative, resolve, sep } from 'node:path';

/**
 * The page's Content-Security-Policy, word for word the one renderer/index.html states in its meta tag (a
 * test keeps the two equal). The meta tag covers the development server; both shells also send it as a header.
 */
export const RENDERER_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";

/**
 * Sent with every response the desktop's app:// protocol and the browser harness give. `frame-ancestors`
 * works only in a header (a meta tag's is ignored), and X-Frame-Options covers older browsers: no other
 * site may show the app inside a frame and trick a person into clicking in it.
 */
export const RENDERER_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': `${RENDERER_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
};

/**
 * How long a browser may keep a file of the renderer. The build names every script and stylesheet under
 * assets/ by a hash of its content, so a new build is a new name and the old one can be kept for good; that
 * also lets Chromium keep the compiled code of the scripts (V8's code cache lives beside the HTTP cache), so a
 * window opened again does not parse and compile half a megabyte of script before it shows a row. The page
 * itself and anything else unhashed are checked again every time.
 */
export function cacheControlOf(pathname: string): string {
  return pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Every answer's headers in both shells: the page's own, the content type, and how long it may be kept. */
export function responseHeaders(type: string, cacheControl = 'no-store'): Record<string, string> {
  return { ...RENDERER_RESPONSE_HEADERS, 'content-type': type, 'cache-control': cacheControl };
}

/** The few kinds of file the renderer build emits; anything else is sent as bytes the page cannot run. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file inside `rendererDir` that a request's decoded URL path names ("/" is index.html), or null when
 * the path would lead out of that folder ("..", an encoded slash, a backslash on Windows, a NUL byte).
 */
export function rendererFilePath(rendererDir: string, pathname: string): string | null {
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const wanted = normalize(pathname === '/' ? 'index.html' : pathname).replace(/^[/\\]+/, '');
  const file = resolve(root, wanted);
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return file;
}
