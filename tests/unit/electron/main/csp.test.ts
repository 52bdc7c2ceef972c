import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RENDERER_CONTENT_SECURITY_POLICY, RENDERER_RESPONSE_HEADERS } from '../../../../electron/core/rendererFiles';

const here = dirname(fileURLToPath(import.meta.url));
const html = readFileSync(join(here, '../../../../renderer/index.html'), 'utf8');

/** The Content-Security-Policy meta tags of the page, by their content. */
function cspMetaContents(page: string): string[] {
  const metas = page.match(/<meta\b[^>]*>/gis) ?? [];
  return metas
    .filter((tag) => /http-equiv\s*=\s*["']content-security-policy["']/i.test(tag))
    .map((tag) => /\bcontent\s*=\s*"([^"]*)"|\bcontent\s*=\s*'([^']*)'/is.exec(tag))
    .map((match) => (match?.[1] ?? match?.[2] ?? '').trim());
}

/** directive name -> its sources, as the browser reads them (names are case-insensitive; first one wins). */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!directives.has(key)) directives.set(key, sources);
  }
  return directives;
}

describe('renderer Content-Security-Policy', () => {
  const metas = cspMetaContents(html);
  const policy = parsePolicy(metas[0] ?? '');

  it('is set once, by a meta tag in the head before any script', () => {
    expect(metas).toHaveLength(1);
    const head = html.slice(0, html.search(/<\/head>/i));
    expect(head).toMatch(/http-equiv\s*=\s*["']Content-Security-Policy["']/i);
    expect(html.search(/http-equiv\s*=\s*["']Content-Security-Policy["']/i)).toBeLessThan(html.search(/<script\b/i));
  });

  it("default-src 'self'", () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  it("script-src 'self' only: no 'unsafe-inline', no 'unsafe-eval', no wildcard, data: or blob:", () => {
    const sources = policy.get('script-src');
    expect(sources).toEqual(["'self'"]);
    const all = [...policy.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain("'wasm-unsafe-eval'");
    expect(policy.get('script-src-elem')).toBeUndefined();
    expect(policy.get('script-src-attr')).toBeUndefined();
    expect(policy.get('default-src')).not.toContain("'unsafe-inline'");
  });

  it("object-src 'none', base-uri 'none', frame-src 'none'", () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
  });

  it("connect-src 'self'", () => {
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });

  it('has no inline scripts the policy would block anyway', () => {
    const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [];
    for (const script of scripts) {
      expect(script).toMatch(/\bsrc\s*=/i);
      expect(script.replace(/<script\b[^>]*>|<\/script>/gi, '').trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('is the policy the desktop protocol and the harness send as a header, which adds frame-ancestors', () => {
    expect(metas[0]).toBe(RENDERER_CONTENT_SECURITY_POLICY);
    const header = parsePolicy(RENDERER_RESPONSE_HEADERS['content-security-policy']!);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    header.delete('frame-ancestors');
    expect(header).toEqual(policy);
    expect(RENDERER_RESPONSE_HEADERS['x-frame-options']).toBe('DENY');
  });

  it('the parser reads a policy the way a browser does', () => {
    const parsed = parsePolicy("Default-Src 'self';script-src 'self' 'unsafe-inline'; script-src 'none' ;");
    expect(parsed.get('default-src')).toEqual(["'self'"]);
    expect(parsed.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });
});
