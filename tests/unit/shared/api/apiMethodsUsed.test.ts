import { describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { API_METHODS } from '../../../../shared/api/methods';

const ROOT = join(__dirname, '..', '..', '..', '..');

async function sourcesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.map((file) => readFile(file, 'utf8')));
}

describe('the API offers only what the app uses', () => {
  it('every method is called by the page or by the desktop shell (its menu)', async () => {
    const callers = [...(await sourcesUnder('renderer/src')), ...(await sourcesUnder('electron/main'))].join('\n');
    const uncalled = API_METHODS.filter((method) => !new RegExp(`\\.${method}\\(`).test(callers));
    expect(uncalled).toEqual([]);
  });
});
