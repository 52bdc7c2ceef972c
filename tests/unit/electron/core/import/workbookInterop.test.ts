import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import { previewWorkbookImport } from '../../../../../electron/core/import/planWorkbookImport';
import { makeTempDir, removeDir } from '../../../../support/fixtures';
import { PYTHON, hasLibreOffice, hasPythonModule, resaveWithLibreOffice } from '../../../../support/otherPrograms';

/**
 * A lead's workbook comes back saved by whatever the lead has: Excel, LibreOffice Calc, a script. These
 * re-save the exported workbook with the real tools (Debian's python3-openpyxl and LibreOffice, which CI
 * installs) and import it, so a layout only exceljs can read back fails here.
 */
const hasOpenpyxl = hasPythonModule('openpyxl');

const TODAY = '2026-11-30';
let dir: string;
let exported: string;

beforeAll(async () => {
  dir = await makeTempDir('apt-interop-');
  exported = join(dir, 'plan.xlsx');
  await writeFile(exported, await writePlanWorkbook(demoDocument(), TODAY));
});

afterAll(async () => {
  await removeDir(dir);
});

/** The first action row's number and the changes a preview finds in `bytes`. */
async function preview(bytes: Buffer) {
  const set = await previewWorkbookImport(demoDocument(), bytes);
  return {
    problems: set.problems,
    changes: set.changes.map((change) => [change.actionNumber, change.field, change.value]),
  };
}

describe('workbooks re-saved by other tools', () => {
  it.skipIf(!hasOpenpyxl)(
    'one edited and saved by openpyxl (comments moved to xl/comments/) imports its edits',
    async () => {
      const resaved = join(dir, 'openpyxl.xlsx');
      const script = `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Action plan']
header = [cell.value for cell in ws[1]]
row = 2
ws.cell(row=row, column=header.index('Achievement to date') + 1).value = 'Edited in openpyxl'
ws.cell(row=row, column=header.index('Status') + 1).value = 'At risk'
print(ws.cell(row=row, column=header.index('Action No.') + 1).value)
wb.save(sys.argv[2])
`;
      const number = execFileSync(PYTHON, ['-c', script, exported, resaved], { encoding: 'utf8' }).trim();
      const names = execFileSync(
        PYTHON,
        ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', resaved],
        { encoding: 'utf8' },
      );
      expect(names).toContain('xl/comments/comment1.xml');

      const { problems, changes } = await preview(await readFile(resaved));
      expect(problems).toEqual([]);
      expect(changes).toEqual(
        expect.arrayContaining([
          [number, 'achievement', 'Edited in openpyxl'],
          [number, 'status', 'at_risk'],
        ]),
      );
      expect(changes).toHaveLength(2);
    },
  );

  it.skipIf(!hasLibreOffice)(
    'one opened and saved again by LibreOffice Calc keeps its edits and its ids',
    { timeout: 120_000 },
    async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(exported)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet = workbook.getWorksheet('Action plan')!;
      const header = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
      const number = String(sheet.getCell(2, header.indexOf('Action No.')).value);
      sheet.getCell(2, header.indexOf('Achievement to date')).value = 'Edited before Calc re-saved it';
      const edited = join(dir, 'edited.xlsx');
      await writeFile(edited, Buffer.from(await workbook.xlsx.writeBuffer()));

      const { problems, changes } = await preview(await readFile(resaveWithLibreOffice(edited, dir)));
      expect(problems).toEqual([]);
      expect(changes).toEqual([[number, 'achievement', 'Edited before Calc re-saved it']]);
    },
  );
});
