/**
 * The packaged app's Electron fuses (flipped into the binary by electron-builder from package.json
 * "build.electronFuses"): the ones that let a local attacker run the app as plain Node, inject Node
 * options or a debugger, or swap the app's code must stay off, and the asar integrity check on.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

interface BuildConfig {
  asar?: unknown;
  asarUnpack?: unknown;
  files?: unknown;
  electronFuses?: Record<string, unknown>;
}

const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { build?: BuildConfig; main?: string };
const build = pkg.build ?? {};
const fuses = build.electronFuses ?? {};

describe('package.json build.electronFuses', () => {
  it('is present', () => {
    expect(pkg.build).toBeDefined();
    expect(build.electronFuses).toBeTypeOf('object');
  });

  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['onlyLoadAppFromAsar', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['enableCookieEncryption', true],
    // The page is served by the app:// protocol, so file:// pages need none of the extra rights.
    ['grantFileProtocolExtraPrivileges', false],
  ] as const)('%s is %s (a real boolean, not a string)', (fuse, expected) => {
    expect(fuses[fuse]).toBe(expected);
  });

  it('names only fuses electron-builder knows (a misspelt fuse is silently ignored)', () => {
    const known = [
      'runAsNode',
      'enableCookieEncryption',
      'enableNodeOptionsEnvironmentVariable',
      'enableNodeCliInspectArguments',
      'enableEmbeddedAsarIntegrityValidation',
      'onlyLoadAppFromAsar',
      'loadBrowserProcessSpecificV8Snapshot',
      'grantFileProtocolExtraPrivileges',
      'resetAdHocDarwinSignature',
    ];
    for (const name of Object.keys(fuses)) expect(known, name).toContain(name);
  });
});

describe('package.json build', () => {
  it('packs the app into an asar archive (onlyLoadAppFromAsar and the integrity check rely on it)', () => {
    expect(build.asar).toBe(true);
  });

  it('unpacks nothing from the archive, so no app code lives outside the checked asar', () => {
    expect(build.asarUnpack).toBeUndefined();
  });

  it('ships the built output, whose main entry is inside it', () => {
    expect(build.files).toEqual(expect.arrayContaining(['out/**/*']));
    expect(pkg.main).toMatch(/^out\//);
  });
});
