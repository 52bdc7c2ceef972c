import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { demoDocument } from '../../electron/core/demoPlan';
import { writePlanWorkbook } from '../../electron/core/export/planWorkbook';
import { generatePlan } from '../../tests/support/generatePlan';
import { lyingZipBomb, sheetXmlOfRows, withHonestEntry } from '../../tests/support/hostileWorkbooks';
import type { BenchRow } from './measure';

const TODAY = '2026-11-24';
const BUDGET_MB = 500;
/** The upload limit: 60,000,000 base64 characters. */
const UPLOAD_LIMIT_BYTES = (60_000_000 / 4) * 3;
/** A run past this is stopped, so that measuring code without the limits cannot exhaust the machine. */
const STOP_AT_MB = 3000;

interface ChildOutcome {
  problems: number;
  changes: number;
  first: string | null;
  peakMb: number;
}

/** Peak resident memory (high-water mark) of a process, from /proc where there is one. */
async function highWaterMb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Previews the import of `file` in a process of its own, as the app would (tests/support/importInChild.ts
 * under `root`, the code tree measured), and reports that process's peak memory.
 */
function importInChild(root: string, file: string, planSize?: number): Promise<ChildOutcome | { stoppedAtMb: number }> {
  const args = [
    '--import',
    'tsx',
    join(root, 'tests/support/importInChild.ts'),
    file,
    ...(planSize ? [String(planSize)] : []),
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  let stoppedAtMb = 0;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const watch = setInterval(() => {
    void highWaterMb(child.pid!).then((mb) => {
      if (mb !== null && mb > STOP_AT_MB) {
        stoppedAtMb = mb;
        child.kill('SIGKILL');
      }
    });
  }, 100);
  return new Promise((resolvePromise, reject) => {
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      if (stoppedAtMb > 0) resolvePromise({ stoppedAtMb });
      else if (code === 0) resolvePromise(JSON.parse(stdout) as ChildOutcome);
      else reject(new Error(`the import process ended with ${signal ?? `exit code ${code}`}`));
    });
  });
}

/**
 * Peak memory of an import for the hostile and the normal cases: a 6 GB zip bomb whose headers lie,
 * 1,000,000 honest rows (under the upload limit), and a lead's 5,000-action workbook. `root` is the code
 * tree measured (this one by default).
 */
export async function benchImportMemory(root = resolve('.')): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-import-'));
  try {
    const demo = await writePlanWorkbook(demoDocument(), TODAY);
    const cases = [
      {
        name: 'Import peak memory, lying-zip bomb (6 GB unpacked)',
        bytes: await lyingZipBomb(demo, 'xl/worksheets/sheet1.xml', 6 * 1024 ** 3),
      },
      {
        name: 'Import peak memory, 1,000,000 rows on "Action plan"',
        bytes: await withHonestEntry(demo, 'xl/worksheets/sheet1.xml', sheetXmlOfRows(1_000_000)),
      },
      {
        name: 'Import peak memory, 5000 actions',
        bytes: await writePlanWorkbook(generatePlan(5000), TODAY),
        planSize: 5000,
      },
    ];
    const rows: BenchRow[] = [];
    for (const { name, bytes, planSize } of cases) {
      if (bytes.length > UPLOAD_LIMIT_BYTES) throw new Error(`${name}: the file is over the upload limit`);
      const file = join(dir, 'workbook.xlsx');
      await writeFile(file, bytes);
      const start = performance.now();
      const outcome = await importInChild(root, file, planSize);
      const ms = performance.now() - start;
      const size = `file ${(bytes.length / 1024 / 1024).toFixed(1)} MB`;
      if ('stoppedAtMb' in outcome) {
        rows.push({ name, ms, detail: `${size}; peak > ${STOP_AT_MB} MB (stopped); budget < ${BUDGET_MB} MB: MISSED` });
        continue;
      }
      const verdict = outcome.peakMb < BUDGET_MB ? 'met' : 'MISSED';
      const result = outcome.first
        ? `refused: ${outcome.first.slice(0, 70)}…`
        : `${outcome.changes} changes, no problems`;
      rows.push({
        name,
        ms,
        detail: `${size}; peak ${outcome.peakMb} MB; budget < ${BUDGET_MB} MB: ${verdict}; ${result}`,
      });
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
