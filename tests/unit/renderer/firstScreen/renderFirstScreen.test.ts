import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodePlanFile } from '../../../../electron/core/planFileCodec';
import { renderFirstScreen } from '../../../../renderer/src/firstScreen/renderFirstScreen';
import type { WorkingState } from '../../../../shared/api/contract';
import { sortActions } from '../../../../shared/domain/actionOrder';
import { makeTempDir, removeDir } from '../../../support/fixtures';
import { generatePlan } from '../../../support/generatePlan';
import { handlersOverFile } from '../../../support/handlersOverFile';
import { written } from '../../../support/written';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('apt-first-screen-');
});
afterEach(async () => {
  await removeDir(dir);
});

/** The first read the page would get of a file holding `content`, as the handlers answer it. */
async function firstReadOf(content: string): Promise<WorkingState> {
  const handlers = await handlersOverFile(dir, content);
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
    const doc = generatePlan(500);
    const html = renderFirstScreen(await firstReadOf(encodePlanFile(doc)))!;
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
    expect(renderFirstScreen(await firstReadOf('{ "this is": not a plan'))).toBeNull();
  });
});
