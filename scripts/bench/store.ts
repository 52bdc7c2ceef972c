import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePlanFile, decodePlanFile } from '../../electron/core/planFileCodec';
import { DESKTOP_STORE_OPTIONS, PlanStore } from '../../electron/core/planStore';
import { updateAction } from '../../shared/domain/operations';
import { filterActions } from '../../shared/domain/filters';
import { generatePlan } from '../../tests/support/generatePlan';
import { medianMs } from './measure';
import type { BenchRow } from './measure';

/** Load + validate, one atomic edit, filter, and file size, at three plan sizes. */
export async function benchStore(sizes: readonly number[] = [500, 5000, 20000]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'apt-bench-'));
    const path = join(dir, 'plan.json');
    const doc = generatePlan(size);
    await writeFile(path, encodePlanFile(doc));
    const bytes = (await stat(path)).size;
    rows.push({ name: `JSON file size, ${size} actions`, ms: 0, detail: `${(bytes / 1024 / 1024).toFixed(2)} MB` });

    const loadMs = await medianMs(5, async () => decodePlanFile(path, await readFile(path, 'utf8')));
    rows.push({ name: `load + validate, ${size} actions`, ms: loadMs, detail: 'read, JSON.parse, migrate, zod' });

    const store = await PlanStore.open(path, () => doc, DESKTOP_STORE_OPTIONS);
    let counter = 0;
    const ctx = () => ({ now: new Date().toISOString(), by: 'Bench', newId: () => `bench-${(counter += 1)}` });
    const editMs = await medianMs(11, () =>
      store.update(
        (current) => updateAction(current, current.actions[0]!.id, { achievement: `Edit ${counter}` }, ctx()).doc,
      ),
    );
    rows.push({
      name: `one edit saved atomically, ${size} actions`,
      ms: editMs,
      detail: 'check, lock, backup, write, fsync, rename (desktop settings)',
    });

    const filterMs = await medianMs(11, () =>
      filterActions(doc, { text: 'training', status: 'on_track' }, '2026-11-24'),
    );
    rows.push({
      name: `filter + search, ${size} actions`,
      ms: filterMs,
      detail: 'shared filterActions, as the UI runs it',
    });
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
