import { beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import { readPlanWorkbook } from '../../../../../electron/core/import/planWorkbookImport';
import { WORKER_FAILED, WorkbookReader } from '../../../../../electron/core/import/readInWorker';
import { SHEET } from '../../../../../shared/domain/workbook';
import { generatePlan } from '../../../../support/generatePlan';

const TODAY = '2026-11-24';
const NOW = new Date('2026-11-24T09:30:00.000Z');

let exported: Buffer;
beforeAll(async () => {
  exported = await writePlanWorkbook(demoDocument(), TODAY, { now: NOW });
});

describe('the import worker', () => {
  it('turns a worker that runs out of memory into a clear problem, and the next import still works', async () => {
    const reader = new WorkbookReader({ maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 });
    try {
      const large = await writePlanWorkbook(generatePlan(1500), TODAY, { now: NOW });
      const crashed = await reader.read(large);
      expect(crashed.error).toBe(WORKER_FAILED);
      const next = await reader.read(exported);
      expect(next.error).toBeNull();
      expect(next.sheets[SHEET.plan]!.rows.length).toBe(demoDocument().actions.length);
    } finally {
      reader.stop();
    }
  }, 180_000);

  it('reads the same workbook as the reader in this thread', async () => {
    const reader = new WorkbookReader();
    try {
      expect(await reader.read(exported)).toEqual(await readPlanWorkbook(exported));
    } finally {
      reader.stop();
    }
  }, 120_000);
});
