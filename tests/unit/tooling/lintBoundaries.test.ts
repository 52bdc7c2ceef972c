import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The layer rules in eslint.config.js match import text by pattern; a typo there would let every import
// through without a word. These samples pin each boundary down, both ways.
const root = fileURLToPath(new URL('../../..', import.meta.url));
// Only the import rules are under test: skipping type information keeps this fast and lets the samples
// live at paths that do not exist.
const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

async function refusedImports(filePath: string, specifiers: string[]): Promise<string[]> {
  const code = specifiers.map((specifier, index) => `import * as m${index} from '${specifier}';`).join('\n');
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => specifiers[message.line - 1] ?? `line ${message.line}`);
}

describe('layer boundaries enforced by the lint', () => {
  it('keeps Node, Electron, React and the other layers out of shared/', async () => {
    const outside = [
      'node:fs/promises',
      'fs',
      'path',
      'electron',
      '../../electron/core/planStore',
      'react',
      'react-dom/client',
      'react-hook-form',
      '../../renderer/src/api/transport',
    ];
    expect(await refusedImports('shared/domain/sample.ts', outside)).toEqual(outside);
    expect(await refusedImports('shared/model/sample.ts', ['node:crypto', '../../electron/main/ipcGuard'])).toEqual([
      'node:crypto',
      '../../electron/main/ipcGuard',
    ]);
  });

  it('lets shared/ import its own folders and plain libraries', async () => {
    // "domain" is also the name of a Node builtin: a glob rule would refuse every path through shared/domain/.
    const inside = ['zod', 'date-fns', './derived', '../domain/timescale', '../model/action', '../api/contract'];
    expect(await refusedImports('shared/domain/sample.ts', inside)).toEqual([]);
  });

  it('keeps Node and electron/ out of the renderer', async () => {
    const outside = ['node:path', 'os', 'electron', '../../../electron/core/planStore'];
    expect(await refusedImports('renderer/src/state/sample.ts', outside)).toEqual(outside);
    const inside = ['react', '../../../shared/domain/derived', '../api/transport', './usePlan'];
    expect(await refusedImports('renderer/src/state/sample.ts', inside)).toEqual([]);
  });

  it('keeps views away from the transport, in the old and the feature layout', async () => {
    expect(await refusedImports('renderer/src/features/sample/Sample.tsx', ['../api/transport'])).toEqual([
      '../api/transport',
    ]);
    expect(await refusedImports('renderer/src/features/action-plan/Sample.tsx', ['../../api/transport'])).toEqual([
      '../../api/transport',
    ]);
    expect(
      await refusedImports('renderer/src/features/board-paper/parts/Sample.tsx', [
        'node:fs',
        '../../../../../electron/core/x',
      ]),
    ).toEqual(['node:fs', '../../../../../electron/core/x']);
    expect(
      await refusedImports('renderer/src/features/action-plan/Sample.tsx', ['../../state/PlanProvider', 'react']),
    ).toEqual([]);
  });

  it('keeps Electron out of the plain Node core and the harness, which run without it', async () => {
    expect(await refusedImports('electron/core/sample.ts', ['electron', 'node:fs', '../../shared/model/plan'])).toEqual(
      ['electron'],
    );
    expect(await refusedImports('electron/harness/sample.ts', ['electron/main', '../../renderer/src/App'])).toEqual([
      'electron/main',
      '../../renderer/src/App',
    ]);
    expect(await refusedImports('electron/main/sample.ts', ['electron', 'node:path', '../core/planStore'])).toEqual([]);
  });

  it('lets tests and scripts import anything', async () => {
    const anything = [
      'node:fs',
      'electron',
      'react',
      '../../electron/core/planStore',
      '../../renderer/src/api/transport',
    ];
    expect(await refusedImports('tests/unit/sample.test.ts', anything)).toEqual([]);
    expect(await refusedImports('scripts/sample.ts', anything)).toEqual([]);
  });
});
