import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DiskWriteError,
  nodeDurableFs,
  tempNameFor,
  tempNamePattern,
  tempPathFor,
  withRetries,
  writeFileDurably,
} from '../../../../../electron/core/atomicWrite';
import type { DurableFs, WriteHandle } from '../../../../../electron/core/atomicWrite';
import { PlanStore, backupPathFor } from '../../../../../electron/core/planStore';
import { backupNameFor, backupsDirFor, conflictPathFor } from '../../../../../electron/core/backupRotation';
import { lockPathFor } from '../../../../../electron/core/fileLock';
import { updateAction } from '../../../../../shared/domain/operations';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { fixedContext, makeDocument, makeTempDir, removeDir } from '../../../../support/fixtures';

let dir: string;
let target: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-durable-');
  target = path.join(dir, 'plan.json');
});

afterEach(async () => {
  await removeDir(dir);
});

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** The real file system, with the writes to temp files passed through `write`. */
type Write = (
  real: WriteHandle,
  buffer: Buffer,
  offset: number,
  length: number,
  position: number,
) => Promise<{ bytesWritten: number }>;

function withWrites(write: Write): DurableFs {
  return {
    ...nodeDurableFs,
    open: async (file, flags, mode) => {
      const real = await nodeDurableFs.open(file, flags, mode);
      if (!file.endsWith('.tmp')) return real;
      const handle: WriteHandle = {
        write: (buffer, offset, length, position) => write(real, buffer, offset, length, position),
        read: real.read.bind(real),
        sync: real.sync.bind(real),
        stat: real.stat.bind(real),
        close: real.close.bind(real),
      };
      return handle;
    },
  };
}

/** Writes at most `max` bytes a call, as a nearly full disk or a network drive may. */
function shortWrites(max: number): { fs: DurableFs; calls: () => number } {
  let calls = 0;
  const fs = withWrites((real, buffer, offset, length, position) => {
    calls += 1;
    return real.write(buffer, offset, Math.min(max, length), position);
  });
  return { fs, calls: () => calls };
}

/** Accepts `room` bytes, then fails as a full disk does (a short count first, then ENOSPC). */
function fullAfter(room: number, code = 'ENOSPC'): DurableFs {
  let left = room;
  return withWrites(async (real, buffer, offset, length, position) => {
    if (left <= 0) throw errno(code);
    const count = Math.min(left, length);
    left -= count;
    return real.write(buffer, offset, count, position);
  });
}

async function tempFilesIn(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.endsWith('.tmp'));
}

describe('writeFileDurably', () => {
  it('writes every byte when the system writes only part of them per call', async () => {
    const bytes = Buffer.from('x'.repeat(10_000) + 'end');
    const { fs, calls } = shortWrites(777);
    await writeFileDurably(target, bytes, { fs });
    expect(await readFile(target)).toEqual(bytes);
    expect(calls()).toBe(Math.ceil(bytes.length / 777));
    expect(await tempFilesIn(dir)).toEqual([]);
  });

  it('on a full disk throws disk_full naming the file, leaves the old file as it was and no temp file', async () => {
    await writeFile(target, 'the old plan');
    const error = await writeFileDurably(target, Buffer.alloc(50_000, 65), { fs: fullAfter(20_000) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DiskWriteError);
    expect(error).toMatchObject({ code: 'disk_full', path: target, problem: 'full' });
    expect((error as Error).message).toBe(
      `${target} was not saved: the disk holding ${target} is full. Any earlier ${target} is unchanged.`,
    );
    expect(await readFile(target, 'utf8')).toBe('the old plan');
    expect(await tempFilesIn(dir)).toEqual([]);
  });

  it('treats a quota (EDQUOT) as a full disk and an I/O error (EIO) as a disk error', async () => {
    await writeFile(target, 'old');
    await expect(writeFileDurably(target, 'new', { fs: fullAfter(0, 'EDQUOT') })).rejects.toMatchObject({
      code: 'disk_full',
    });
    const io = await writeFileDurably(target, 'new', { fs: fullAfter(1, 'EIO') }).catch((e: unknown) => e);
    expect(io).toMatchObject({ code: 'disk_error', problem: 'io' });
    expect((io as Error).message).toContain(`the disk holding ${target} reported an error`);
    expect(await readFile(target, 'utf8')).toBe('old');
  });

  it('a write that reports zero bytes (no progress) is a full disk, not an endless loop', async () => {
    await writeFile(target, 'old');
    const fs = withWrites(async () => ({ bytesWritten: 0 }));
    await expect(writeFileDurably(target, 'new', { fs })).rejects.toMatchObject({ code: 'disk_full' });
    expect(await readFile(target, 'utf8')).toBe('old');
  });

  it('refuses to rename a temp file whose bytes do not read back as written', async () => {
    await writeFile(target, 'old');
    // A file system that says it wrote everything but stored something else.
    const fs = withWrites((real, _buffer, _offset, length, position) =>
      real.write(Buffer.alloc(length, 0), 0, length, position).then(() => ({ bytesWritten: length })),
    );
    await expect(writeFileDurably(target, 'new bytes', { fs })).rejects.toMatchObject({
      code: 'disk_error',
      problem: 'not_as_written',
    });
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await tempFilesIn(dir)).toEqual([]);
  });
});

describe('the plan store on a full disk (injected)', () => {
  let edits = 0;
  const edit = () => {
    edits += 1;
    const text = `Edit ${edits}`;
    return (doc: PlanDocument) =>
      updateAction(doc, 'action-3', { achievement: text }, fixedContext({ idPrefix: `d${edits}` })).doc;
  };

  it('says the change was not saved, keeps the plan on disk and in memory, and saves once there is room', async () => {
    let room = Number.POSITIVE_INFINITY;
    const fs = withWrites(async (real, buffer, offset, length, position) => {
      if (room <= 0) throw errno('ENOSPC');
      const count = Math.min(room, length);
      room -= count;
      return real.write(buffer, offset, count, position);
    });
    const store = await PlanStore.open(target, makeDocument, { fs, lock: true });
    const before = await readFile(target);
    const inMemory = store.document();
    room = 100;

    const error = await store.update(edit()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'disk_full' });
    expect((error as Error).message).toBe(
      `Your change was not saved: the disk holding ${target} is full. The plan on disk is unchanged.`,
    );
    expect(await readFile(target)).toEqual(before);
    expect(store.document()).toBe(inMemory);
    expect(await tempFilesIn(dir)).toEqual([]);

    // "Save a copy elsewhere" keeps the edit the disk refused.
    room = Number.POSITIVE_INFINITY;
    const copy = await store.exportWholePlan(path.join(dir, 'elsewhere', 'copy.json'));
    expect(
      JSON.parse(await readFile(copy, 'utf8')).actions.find((action: { id: string }) => action.id === 'action-3')
        .achievement,
    ).toBe(`Edit ${edits}`);
    expect(await readFile(target)).toEqual(before);

    const saved = await store.update(edit());
    expect(saved.actions.find((action) => action.id === 'action-3')!.achievement).toContain(`Edit ${edits}`);
    expect(await readFile(backupPathFor(target))).toEqual(before);
    await store.close();
  });
});

describe('Windows: files held for a moment by antivirus or an indexer', () => {
  function flaky(
    codes: string[],
    platform: NodeJS.Platform,
  ): { fs: DurableFs; renames: () => number; waits: number[] } {
    let renames = 0;
    const waits: number[] = [];
    const left = [...codes];
    const fs: DurableFs = {
      ...nodeDurableFs,
      platform,
      sleep: async (ms) => {
        waits.push(ms);
      },
      rename: async (from, to) => {
        renames += 1;
        const code = left.shift();
        if (code) throw errno(code);
        return nodeDurableFs.rename(from, to);
      },
    };
    return { fs, renames: () => renames, waits };
  }

  it('retries a rename that fails with EBUSY twice, then succeeds', async () => {
    const { fs, renames, waits } = flaky(['EBUSY', 'EBUSY'], 'win32');
    await writeFileDurably(target, 'saved', { fs });
    expect(await readFile(target, 'utf8')).toBe('saved');
    expect(renames()).toBe(3);
    expect(waits).toEqual([10, 20]);
  });

  it('retries EPERM and EACCES too, and gives up after a short while with the error', async () => {
    const { fs, renames } = flaky(Array(20).fill('EPERM'), 'win32');
    await expect(writeFileDurably(target, 'saved', { fs })).rejects.toMatchObject({ code: 'EPERM' });
    expect(renames()).toBe(8);
    expect(await tempFilesIn(dir)).toEqual([]);
    const access = flaky(['EACCES'], 'win32');
    await writeFileDurably(target, 'saved', { fs: access.fs });
    expect(access.renames()).toBe(2);
  });

  it('does not retry elsewhere, where these errors are not passing', async () => {
    const { fs, renames } = flaky(['EBUSY'], 'linux');
    await expect(writeFileDurably(target, 'saved', { fs })).rejects.toMatchObject({ code: 'EBUSY' });
    expect(renames()).toBe(1);
  });

  it('retries unlink and copy through the same backoff', async () => {
    let calls = 0;
    const fs = { ...nodeDurableFs, platform: 'win32' as const, sleep: async () => undefined };
    await withRetries(fs, async () => {
      calls += 1;
      if (calls < 3) throw errno('EBUSY');
    });
    expect(calls).toBe(3);
  });

  it('builds lock, temp and backup names beside drive-letter and UNC paths', () => {
    const win = path.win32;
    const unc = '\\\\server\\share\\plans\\plan.json';
    const drive = 'C:\\Users\\x\\plan.json';
    const when = new Date('2026-11-30T09:05:01Z');
    expect(tempPathFor(unc, win)).toMatch(/^\\\\server\\share\\plans\\\.plan\.json\.\d+\.[0-9a-f]{8}\.tmp$/);
    expect(tempPathFor(drive, win)).toMatch(/^C:\\Users\\x\\\.plan\.json\.\d+\.[0-9a-f]{8}\.tmp$/);
    expect(tempPathFor('\\\\server\\share\\plan.json', win)).toMatch(/^\\\\server\\share\\\.plan\.json\./);
    expect(backupPathFor(unc)).toBe('\\\\server\\share\\plans\\plan.backup.json');
    expect(backupPathFor(drive)).toBe('C:\\Users\\x\\plan.backup.json');
    expect(lockPathFor(unc)).toBe('\\\\server\\share\\plans\\plan.json.lock');
    expect(backupsDirFor(unc, win)).toBe('\\\\server\\share\\plans\\backups');
    expect(backupsDirFor(drive, win)).toBe('C:\\Users\\x\\backups');
    expect(backupNameFor(drive, 'backup', 7, when, win)).toBe(
      'C:\\Users\\x\\backups\\plan.backup-20261130-090501-s7.json',
    );
    expect(backupNameFor(unc, 'before-restore', 2, when, win)).toBe(
      '\\\\server\\share\\plans\\backups\\plan.before-restore-20261130-090501-s2.json',
    );
    expect(conflictPathFor(unc, when, 0, win)).toBe('\\\\server\\share\\plans\\plan.conflict-20261130-090501.json');
    expect(conflictPathFor(drive, when, 1, win)).toBe('C:\\Users\\x\\plan.conflict-20261130-090501-1.json');
  });

  it('temp names are distinctive, and clean-up matches only them', () => {
    expect(tempNameFor('plan.json', 4242, 'deadbeef')).toBe('.plan.json.4242.deadbeef.tmp');
    const pattern = tempNamePattern(['plan.json']);
    expect(pattern.test('.plan.json.4242.deadbeef.tmp')).toBe(true);
    for (const name of [
      'plan.json.1',
      'plan.json.2023',
      'plan.json.4242.link',
      '.plan.json.tmp',
      '.plan.json.1.xyz.tmp',
      'plan.json',
    ]) {
      expect(pattern.test(name)).toBe(false);
    }
  });
});
