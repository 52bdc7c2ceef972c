import { createHash } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The source the generated plans come from: a change to the generator or to the demo plan it builds on
 * makes new plans, so a cached file is never one an older generator wrote.
 */
const GENERATOR_SOURCES = ['tests/support/generatePlan.ts', 'electron/core/demoPlan.ts'];

/**
 * A file built once per set of generator parameters and kept in the system's temporary folder: generating
 * the five-thousand-action plan with three years of history (and its workbook) takes longer than many of
 * the figures measured on it, and every run of the bench would otherwise pay for it again.
 * Returns the cached file's path; `make` runs only when no file for these parameters exists yet.
 */
export async function cachedFile(
  kind: string,
  parameters: unknown,
  extension: string,
  make: () => Promise<string | Buffer> | string | Buffer,
): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify({ kind, parameters }));
  for (const source of GENERATOR_SOURCES) hash.update(await readFile(resolve(source)));
  const path = join(tmpdir(), `apt-bench-${kind}-${hash.digest('hex').slice(0, 16)}.${extension}`);
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (exists) return path;
  // Written under another name and renamed, so an interrupted run leaves no half file to be read next time.
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, await make());
  await rename(partial, path);
  return path;
}
