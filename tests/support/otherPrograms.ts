/**
 * The programs other people open our files with: Debian's python3 (openpyxl, python-docx) and LibreOffice.
 * A file only our own code can read back is not tested, so CI installs them; where a developer's machine
 * lacks one, its tests are skipped there, but in CI a missing program fails the run instead of hiding it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

export const PYTHON = '/usr/bin/python3';

function present(what: string, found: boolean): boolean {
  if (!found && process.env.CI) throw new Error(`${what} is missing; .ci/run installs it, so CI must have it.`);
  return found;
}

/** Whether Debian's python3 can import `module` (openpyxl, docx). */
export function hasPythonModule(module: string): boolean {
  return present(
    `python3 with ${module}`,
    existsSync(PYTHON) && spawnSync(PYTHON, ['-c', `import ${module}`]).status === 0,
  );
}

export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((path) => existsSync(path));
export const hasLibreOffice = present('LibreOffice', SOFFICE !== undefined);

/**
 * Opens `file` in LibreOffice headless and saves it again as `filter` into `outDir` (its own profile under
 * `workDir`, so parallel runs do not share one); returns the new file's path.
 */
export function resaveWithLibreOffice(
  file: string,
  workDir: string,
  filter = 'xlsx:Calc MS Excel 2007 XML',
  outDir = join(workDir, 'libreoffice'),
): string {
  if (SOFFICE === undefined) throw new Error('LibreOffice is not installed.');
  execFileSync(
    SOFFICE,
    [
      '--headless',
      `-env:UserInstallation=file://${join(workDir, 'lo-profile')}`,
      '--convert-to',
      filter,
      '--outdir',
      outDir,
      file,
    ],
    { stdio: 'ignore', timeout: 110_000 },
  );
  const extension = filter.split(':')[0]!;
  return join(outDir, `${basename(file).replace(/\.[^.]+$/, '')}.${extension}`);
}
