import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import { SHEET } from '../../../../../shared/domain/workbook';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { makeTempDir, removeDir } from '../../../../support/fixtures';
import { generatePlan } from '../../../../support/generatePlan';
import { PYTHON, hasPythonModule } from '../../../../support/otherPrograms';

/**
 * The cells of a long table share their column's style object, so that writing a workbook finds each cell's
 * style by identity instead of writing it out as XML once per cell; and a cell styled apart (an overdue
 * flag in red) keeps its own style without passing it to the rest of its column.
 */
const TODAY = '2026-11-30';
const NOW = new Date('2026-11-30T09:00:00Z');
const hasOpenpyxl = hasPythonModule('openpyxl');

/** exceljs's style table, loaded from the same file exceljs itself requires. */
const StylesXform = createRequire(import.meta.url)('exceljs/lib/xlsx/xform/style/styles-xform.js') as {
  prototype: { _addStyle: (style: unknown) => number };
};

/** How many times exceljs wrote a cell style out as XML to find it in its table, for one export. */
async function stylesWrittenOut(doc: PlanDocument): Promise<number> {
  const spy = vi.spyOn(StylesXform.prototype, '_addStyle');
  try {
    await writePlanWorkbook(doc, TODAY, { now: NOW });
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe('cell styles of the plan workbook', () => {
  it('are written out once per column, not once per row', async () => {
    const small = await stylesWrittenOut(generatePlan(20));
    const large = await stylesWrittenOut(generatePlan(400));
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });
});

const READ_BACK = `
import json, sys
import openpyxl
ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]
header = [cell.value for cell in ws[1]]
column = header.index('Overdue') + 1
status = header.index('Status') + 1
def style(cell):
    return {'bold': bool(cell.font.b), 'color': cell.font.color.rgb if cell.font.color is not None else None,
            'name': cell.font.name, 'locked': cell.protection.locked, 'format': cell.number_format,
            'wrap': bool(cell.alignment.wrap_text), 'border': cell.border.bottom.style}
rows = [{'overdue': ws.cell(row, column).value, 'flag': style(ws.cell(row, column)),
         'status': style(ws.cell(row, status))} for row in range(2, ws.max_row + 1)]
print(json.dumps(rows))
`;

interface CellStyle {
  bold: boolean;
  color: string | null;
  name: string;
  locked: boolean;
  format: string;
  wrap: boolean;
  border: string | null;
}

describe.skipIf(!hasOpenpyxl)('cell styles of the plan workbook, read back by openpyxl', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir();
  });
  afterAll(async () => {
    await removeDir(dir);
  });

  it('keep the overdue flag in bold red on its own cells, and every other cell of a column as the column is', async () => {
    const file = join(dir, 'plan.xlsx');
    await writeFile(file, await writePlanWorkbook(generatePlan(60), TODAY, { now: NOW }));
    const rows = JSON.parse(execFileSync(PYTHON, ['-c', READ_BACK, file, SHEET.plan], { encoding: 'utf8' })) as {
      overdue: string | null;
      flag: CellStyle;
      status: CellStyle;
    }[];
    const overdue = rows.filter((row) => row.overdue);
    const onTime = rows.filter((row) => !row.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    expect(onTime.length).toBeGreaterThan(0);
    for (const row of overdue) expect(row.flag).toMatchObject({ bold: true, color: 'FFC00000' });
    for (const row of onTime) expect(row.flag.bold).toBe(false);
    const [first] = rows;
    for (const row of rows) {
      expect({ ...row.flag, bold: false, color: null }).toEqual({ ...first!.flag, bold: false, color: null });
      expect(row.status).toEqual({ ...first!.status });
    }
    expect(first!.status).toMatchObject({ locked: false, format: '@', border: 'thin' });
  });
});
