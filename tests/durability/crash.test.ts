import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlanStore, backupPathFor } from '../../electron/core/planStore';
import { decodePlanFile, encodePlanFile } from '../../electron/core/planFileCodec';
import { isProcessAlive, lockPathFor, readLock } from '../../electron/core/fileLock';
import { backupsDirFor } from '../../electron/core/backupRotation';
import { generatePlan } from '../support/generatePlan';
import { listDir, makeDocument, makeTempDir, removeDir } from '../support/fixtures';
import { counterOf, withCounter } from './saveLoop';
import { mulberry32 } from '../support/generatePlan';

const here = dirname(fileURLToPath(import.meta.url));
const SAVE_LOOP = join(here, 'saveLoop.ts');

const KILLS = 200;
/** The loop stops early past this, so the whole file stays well inside 90 s on a slow 2-core machine. */
const LOOP_BUDGET_MS = 60_000;
const MIN_KILLS = 60;

/**
 * How the child is started: a CommonJS bundle built once with esbuild (about 0.1 s a start), else
 * `node --import tsx` (about 0.3 s; forced with APT_CRASH_CHILD=tsx). A spare child is always warming up.
 */
let childArgs: (file: string) => string[];
let work: string;

beforeAll(async () => {
  work = await makeTempDir('apt-crash-');
  try {
    if (process.env.APT_CRASH_CHILD === 'tsx') throw new Error('tsx asked for');
    const { build } = await import('esbuild');
    const outfile = join(work, 'saveLoop.cjs');
    await build({
      entryPoints: [SAVE_LOOP],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile,
      logLevel: 'silent',
    });
    childArgs = (file) => [outfile, file];
  } catch {
    childArgs = (file) => ['--import', 'tsx', SAVE_LOOP, file];
  }
});

afterAll(async () => {
  await removeDir(work);
});

interface Child {
  process: ChildProcessWithoutNullStreams;
  lines: string[];
  ready: Promise<void>;
  opened: Promise<void>;
  closed: Promise<void>;
}

function waitForLine(child: Child, test: (line: string) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (child.lines.some(test)) {
        resolve();
        return true;
      }
      const error = child.lines.find((line) => line.startsWith('error'));
      if (error) {
        reject(new Error(`child: ${error}`));
        return true;
      }
      return false;
    };
    if (check()) return;
    const onData = () => {
      if (check()) child.process.stdout.off('data', onData);
    };
    child.process.stdout.on('data', onData);
    child.process.once('close', () => {
      if (!check())
        reject(
          new Error(`child ended before the expected line; stderr above; lines: ${child.lines.slice(-3).join(' | ')}`),
        );
    });
  });
}

function startChild(file: string): Child {
  const proc = spawn(process.execPath, childArgs(file), {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, APT_SAVE_LOOP_CHILD: '1' },
  });
  let partial = '';
  const child = { process: proc, lines: [] as string[] } as Child;
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    child.lines.push(...parts);
  });
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.closed = new Promise((resolve) => {
    proc.once('close', () => {
      if (stderr.trim()) child.lines.push(`stderr ${stderr.trim().slice(0, 2000)}`);
      resolve();
    });
  });
  child.ready = waitForLine(child, (line) => line === 'ready');
  child.opened = waitForLine(child, (line) => line.startsWith('opened '));
  // Rejections are looked at when awaited; a killed spare must not count as unhandled.
  child.ready.catch(() => undefined);
  child.opened.catch(() => undefined);
  return child;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function decodeFile(file: string) {
  return decodePlanFile(file, await readFile(file, 'utf8'));
}

function leftoverNames(names: string[]): string[] {
  return names.filter((name) => /\.\d{1,10}$/.test(name) || /\.(link|tmp)$/.test(name) || name.includes('.stale-'));
}

describe('crash safety: SIGKILL while saving in a loop', () => {
  it(`keeps a whole, valid file through ${KILLS} kills`, { timeout: 85_000 }, async () => {
    const dir = join(work, 'data');
    const file = join(dir, 'plan.json');
    const seed = Number(process.env.APT_CRASH_SEED ?? Date.now() % 1_000_000);
    const random = mulberry32(seed);
    // A plan of real size (about 150 actions) so that kills also land inside the write itself.
    await PlanStore.open(file, () => withCounter(generatePlan(150), 0));
    const initialBytes = (await readFile(file)).length;

    let lastSaved = 0;
    let kills = 0;
    let survived = 0;
    let earlyKills = 0;
    let savesSeen = 0;
    let killsInsideSaves = 0;
    let leftoversSeen = 0;
    const failures: string[] = [];
    const started = Date.now();
    let spare = startChild(file);

    while (kills < KILLS && Date.now() - started < LOOP_BUDGET_MS) {
      const child = spare;
      await child.ready;
      child.process.stdin.write('go\n');
      // Warm up the next child while this one saves.
      spare = startChild(file);
      // Most kills land 5–60 ms into the saving; one in eight lands while the child is still opening
      // (taking over the lock, cleaning up), 0–15 ms after "go".
      const early = random() < 0.125;
      if (early) {
        earlyKills += 1;
        await sleep(Math.floor(random() * 16));
      } else {
        try {
          await child.opened;
        } catch (error) {
          failures.push(`kill ${kills + 1}: the child could not open the file: ${(error as Error).message}`);
          break;
        }
        await sleep(5 + Math.floor(random() * 56));
      }
      child.process.kill('SIGKILL');
      await child.closed;
      kills += 1;

      const saved = child.lines.filter((line) => line.startsWith('saved ')).map((line) => Number(line.slice(6)));
      const openedLine = child.lines.find((line) => line.startsWith('opened '));
      const problems: string[] = [];
      const childError = child.lines.find((line) => line.startsWith('error'));
      if (childError) problems.push(`child: ${childError.slice(0, 500)}`);
      if (openedLine !== undefined && Number(openedLine.slice(7)) !== lastSaved) {
        problems.push(`child opened counter ${openedLine.slice(7)}, expected ${lastSaved}`);
      }
      if (saved.length > 0) lastSaved = saved.at(-1)!;
      savesSeen += saved.length;
      // The kill landed inside a save when the child's last word was that a save had started.
      const lastProgress = child.lines.filter((line) => line.startsWith('saving ') || line.startsWith('saved ')).at(-1);
      if (lastProgress?.startsWith('saving ')) killsInsideSaves += 1;

      try {
        const counter = counterOf(await decodeFile(file));
        if (counter !== lastSaved && counter !== lastSaved + 1) {
          problems.push(`file holds counter ${counter}; last reported saved ${lastSaved}`);
        }
        lastSaved = counter;
      } catch (error) {
        problems.push(`data file refused: ${(error as Error).message.slice(0, 300)}`);
      }
      const backup = backupPathFor(file);
      if (existsSync(backup)) {
        try {
          const backupCounter = counterOf(await decodeFile(backup));
          if (backupCounter > lastSaved) problems.push(`backup counter ${backupCounter} is ahead of the file`);
        } catch (error) {
          problems.push(`backup refused: ${(error as Error).message.slice(0, 300)}`);
        }
      }
      if (existsSync(backupsDirFor(file))) {
        for (const name of await readdir(backupsDirFor(file))) {
          if (!name.endsWith('.json')) continue;
          try {
            await decodeFile(join(backupsDirFor(file), name));
          } catch (error) {
            problems.push(`dated backup ${name} refused: ${(error as Error).message.slice(0, 200)}`);
          }
        }
      }
      // The lock of the killed child stays behind, naming a dead process: the next child takes it over.
      const lock = await readLock(file);
      if (lock && isProcessAlive(lock.pid)) problems.push(`lock names pid ${lock.pid}, which is still running`);
      leftoversSeen += leftoverNames(await readdir(dir)).length;

      if (problems.length === 0) survived += 1;
      else failures.push(`kill ${kills}: ${problems.join('; ')}`);
    }
    spare.process.kill('SIGKILL');
    await spare.closed;

    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `crash test: ${survived} of ${kills} kills survived (seed ${seed}, ${earlyKills} while opening, ${savesSeen} saves reported, ` +
        `${killsInsideSaves} kills inside a save, ` +
        `plan ${initialBytes} bytes, temp files seen after kills: ${leftoversSeen}, ${elapsed} s)`,
    );
    expect(failures).toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(survived).toBe(kills);
    // Kills must land inside saves, not only around opening, and saves must complete between kills. Which
    // kills land inside a save is counted from the child's own "saving" reports, so the figure does not
    // depend on how fast a save is on the machine running the test.
    expect(killsInsideSaves).toBeGreaterThan(kills / 4);
    expect(savesSeen).toBeGreaterThan(0);

    // Opening again after the last kill: the dead child's lock is taken over, leftovers are cleaned up.
    const store = await PlanStore.open(file, makeDocument, { lock: true });
    expect(store.status()).toMatchObject({ kind: 'ready', createdFromDemo: false });
    expect(store.status().readOnly).toBeUndefined();
    expect(counterOf(store.document()!)).toBe(lastSaved);
    expect(leftoverNames(await listDir(dir))).toEqual([]);
    await store.close();
    expect(existsSync(lockPathFor(file))).toBe(false);
  });
});

describe('leftovers of killed writes', () => {
  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.once('exit', resolve));
    return child.pid!;
  }

  it('do not stop the next open, and are removed when the store holds the lock', async () => {
    const dir = join(work, 'leftovers-locked');
    const file = join(dir, 'plan.json');
    await PlanStore.open(file, makeDocument);
    const text = encodePlanFile(makeDocument());
    // As a SIGKILL leaves them: a half-written temp file, a held previous version, a dead process's lock,
    // and a half-written copy into backups/.
    await writeFile(join(dir, '.plan.json.3141.0badc0de.tmp'), text.slice(0, 100));
    await writeFile(join(dir, '.plan.json.4242.12345678.tmp'), text);
    await mkdir(backupsDirFor(file), { recursive: true });
    await writeFile(
      join(backupsDirFor(file), '.plan.backup-20260101-120000-s3.json.77.abcdef01.tmp'),
      text.slice(0, 10),
    );
    await writeFile(
      lockPathFor(file),
      JSON.stringify({
        pid: await deadPid(),
        hostname: (await import('node:os')).hostname(),
        startedAt: new Date().toISOString(),
        token: 'dead',
      }),
    );
    // Not provably ours, so they stay: a person's own files, and names like the temp files of
    // earlier versions of the app (a user may keep "plan.json.2023" beside the plan).
    const kept = [
      'other.json.123',
      'plan.backup.json.4242.link',
      'plan.backup.json.7',
      'plan.json.1',
      'plan.json.2023',
      'plan.json.3141592653',
      'plan.json.notes',
    ];
    for (const name of kept) await writeFile(join(dir, name), 'mine');
    await writeFile(join(dir, '.other.json.3141.0badc0de.tmp'), 'another file of another app');

    const store = await PlanStore.open(file, makeDocument, { lock: true });
    expect(store.status()).toMatchObject({ kind: 'ready', createdFromDemo: false });
    expect(store.status().readOnly).toBeUndefined();
    expect(store.document()).toEqual(makeDocument());
    expect(await listDir(dir)).toEqual(
      ['.other.json.3141.0badc0de.tmp', 'backups', ...kept, 'plan.json', 'plan.json.lock'].sort(),
    );
    expect(await listDir(backupsDirFor(file))).toEqual([]);
    for (const name of kept) expect(await readFile(join(dir, name), 'utf8')).toBe('mine');
    await store.close();
  });

  it('without the lock, only old leftovers are removed (a young one may be another write in progress)', async () => {
    const dir = join(work, 'leftovers-unlocked');
    const file = join(dir, 'plan.json');
    await PlanStore.open(file, makeDocument);
    const old = join(dir, '.plan.json.111.aaaaaaaa.tmp');
    const young = join(dir, '.plan.json.222.bbbbbbbb.tmp');
    await writeFile(old, '{"half');
    await writeFile(young, '{"half');
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    await utimes(old, hourAgo, hourAgo);

    const store = await PlanStore.open(file, makeDocument);
    expect(store.status().kind).toBe('ready');
    expect(await listDir(dir)).toEqual(['.plan.json.222.bbbbbbbb.tmp', 'plan.json']);
  });
});
