import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PlanStore, StoreConflictError } from '../../electron/core/planStore';
import { encodePlanFile } from '../../electron/core/planFileCodec';
import { PlanFileError } from '../../electron/core/planFileError';
import { updateAction } from '../../shared/domain/operations';
import type { PlanDocument } from '../../shared/model/plan';
import { generatePlan } from '../support/generatePlan';
import { fixedContext, makeTempDir, removeDir } from '../support/fixtures';

const ROUNDS = 200;

/**
 * Another program (a sync client, an editor) that ignores the lock: each round it reads the plan, adds
 * its round number to the first action's achievement and writes it back, in place (truncate and write,
 * as many editors do) on even rounds and through a temp file and a rename (as sync clients do) on odd
 * ones. Every version it writes holds every number it has seen, so a number missing at the end can only
 * have been destroyed by someone else.
 */
const EXTERNAL_WRITER = `
const fs = require('node:fs');
const [file, rounds] = [process.argv[1], Number(process.argv[2])];
const pause = new Int32Array(new SharedArrayBuffer(4));
for (let round = 1; round <= rounds; round += 1) {
  let doc;
  for (;;) {
    try { doc = JSON.parse(fs.readFileSync(file, 'utf8')); break; } catch { Atomics.wait(pause, 0, 0, 1); }
  }
  doc.actions[0].achievement += ';' + round;
  const text = JSON.stringify(doc) + '\\n';
  if (round % 2 === 0) {
    fs.writeFileSync(file, text);
  } else {
    const temp = file + '.ext-' + round;
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  }
  Atomics.wait(pause, 0, 0, Math.floor(Math.random() * 12));
}
`;

let work: string;

beforeAll(async () => {
  work = await makeTempDir('apt-external-');
});

afterAll(async () => {
  await removeDir(work);
});

function roundsIn(text: string): number[] {
  const doc = JSON.parse(text) as PlanDocument;
  return doc.actions[0]!.achievement.split(';').slice(1).map(Number);
}

describe('another program writing the plan while this app saves it', () => {
  it(`loses none of ${ROUNDS} external versions`, { timeout: 60_000 }, async () => {
    const path = join(work, 'plan.json');
    const start = generatePlan(150);
    start.actions[0]!.achievement = 'external rounds';
    await writeFile(path, encodePlanFile(start));
    const store = await PlanStore.open(path, () => start, {
      lock: true,
      datedBackups: { keep: 4, minIntervalMs: 1000 },
    });

    const child = spawn(process.execPath, ['-e', EXTERNAL_WRITER, path, String(ROUNDS)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let childError = '';
    child.stderr.on('data', (chunk: Buffer) => (childError += chunk.toString()));
    let running = true as boolean; // cleared by the exit listener
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => ((running = false), resolve(code))),
    );

    const outcome = { saved: 0, refused: 0, keptAside: 0, reloads: 0 };
    let edits = 0;
    while (running) {
      edits += 1;
      const text = `App edit ${edits}`;
      try {
        await store.update(
          (doc) =>
            updateAction(doc, doc.actions[2]!.id, { achievement: text }, fixedContext({ idPrefix: `x${edits}` })).doc,
        );
        outcome.saved += 1;
      } catch (error) {
        if (error instanceof StoreConflictError && error.kind === 'changed_on_disk') outcome.refused += 1;
        else if (error instanceof StoreConflictError && error.kind === 'kept_displaced') outcome.keptAside += 1;
        else if (error instanceof PlanFileError) {
          // The store read the file half-written in place by the other program; read it again.
          outcome.reloads += 1;
          await store.reload();
        } else throw error;
      }
    }
    expect(await exited).toBe(0);
    expect(childError).toBe('');
    await store.close();

    const seen = new Set(roundsIn(await readFile(path, 'utf8')));
    const conflicts = (await readdir(work)).filter((name) => /^plan\.conflict-.*\.json$/.test(name));
    for (const name of conflicts)
      for (const round of roundsIn(await readFile(join(work, name), 'utf8'))) seen.add(round);
    // A round the other program wrote into the version this app had just displaced is in the immediate
    // backup, listed under Backups like the conflict copies (the next save would keep it as a conflict).
    for (const round of roundsIn(await readFile(join(work, 'plan.backup.json'), 'utf8'))) seen.add(round);
    const lost = Array.from({ length: ROUNDS }, (_, index) => index + 1).filter((round) => !seen.has(round));
    console.log(
      `external writer: ${ROUNDS} versions; app saves ${outcome.saved}, refused as changed ${outcome.refused}, ` +
        `saved with the other version kept aside ${outcome.keptAside} (${conflicts.length} conflict files), re-reads ${outcome.reloads}; lost ${lost.length} [${lost.join(',')}]`,
    );
    expect(lost).toEqual([]);
    // The race was real: the app saved, and also met the other program's versions.
    expect(outcome.saved).toBeGreaterThan(0);
    expect(outcome.refused + outcome.keptAside).toBeGreaterThan(0);
  });
});
