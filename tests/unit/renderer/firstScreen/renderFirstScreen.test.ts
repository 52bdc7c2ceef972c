import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { createHandlers } from '../../../../electron/core/handlers';
import { PlanStore } from '../../../../electron/core/planStore';
import { encodePlanFile } from '../../../../electron/core/planFileCodec';
import { PreferencesStore } from '../../../../electron/core/preferencesStore';
import { renderFirstScreen } from '../../../../renderer/src/firstScreen/renderFirstScreen';
import type { WorkingState } from '../../../../shared/api/contract';
import { sortActions } from '../../../../shared/domain/actionOrder';
import { counterIds, makeDocument, makeTempDir, removeDir } from '../../../support/fixtures';
import { generatePlan } from '../../../support/generatePlan';
import { written } from '../../../support/written';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('apt-first-screen-');
});
afterEach(async () => {
  await removeDir(dir);
});

/** The first read the page would get of `file`, as the handlers answer it. */
async function firstReadOf(file: string): Promise<WorkingState> {
  const store = await PlanStore.open(file, makeDocument);
  const handlers = createHandlers({
    store,
    demoDocument: makeDocument,
    user: 'Test User',
    clock: () => new Date('2026-03-31T12:00:00.000Z'),
    newId: counterIds(),
    preferences: new PreferencesStore(join(dir, 'preferences.json')),
    templatesDir: resolve('templates/board-papers'),
  });
  const result = await handlers.getWorkingState({});
  await written(handlers);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The action ids of the rows in `html`, in order. */
function rowIds(html: string): string[] {
  return [...html.matchAll(/<tr[^>]*data-action-id="([^"]+)"/g)].map((match) => match[1]!);
}

describe('renderFirstScreen', () => {
  it('draws the plan title and the first rows of a large plan in the order the table shows them', async () => {
    const file = join(dir, 'plan.json');
    const doc = generatePlan(500);
    await writeFile(file, encodePlanFile(doc));
    const html = renderFirstScreen(await firstReadOf(file))!;
    expect(html).toContain(doc.plan.title);
    const ids = rowIds(html);
    // A window's worth of rows: the rest are drawn by the page once its code runs.
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(ids.length).toBeLessThan(60);
    const firstArea = doc.matrix.areas[0]!.id;
    const expected = sortActions(doc.actions.filter((action) => action.areaId === firstArea)).map(
      (action) => action.id,
    );
    expect(ids).toEqual(expected.slice(0, ids.length));
    // The page's policy refuses inline styles in markup (and says so in the console for each).
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('leaves a file that could not be read to the page, which offers what to do about it', async () => {
    const file = join(dir, 'plan.json');
    await writeFile(file, '{ "this is": not a plan');
    expect(renderFirstScreen(await firstReadOf(file))).toBeNull();
  });
});
