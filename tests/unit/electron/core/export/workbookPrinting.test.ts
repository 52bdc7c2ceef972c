import { beforeAll, describe, expect, it } from 'vitest';
import type { Workbook, Worksheet } from 'exceljs';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { writeMyActionsWorkbook } from '../../../../../electron/core/export/myActionsWorkbook';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import { actionsLedBy } from '../../../../../shared/domain/beforeBoard';

/**
 * Every sheet a person may print, read back from the file: the paper, the scale its text prints at, the
 * header on every page, row heights that hold their wrapped text, and a line under every row.
 */
const TODAY = '2026-11-30';
const A4 = 9;
const A3 = 8;
/** Landscape width less 0.5 inch margins either side, in inches. */
const PRINTABLE_INCHES: Record<number, number> = { [A4]: 11.69 - 1, [A3]: 16.54 - 1 };

async function load(bytes: Buffer): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

/** The columns a sheet's table uses, as Excel measures them (Calibri 11: 7 px a character + 5 px). */
function sheetInches(ws: Worksheet): number {
  let pixels = 0;
  for (let column = 1; column <= ws.columnCount; column += 1) pixels += (ws.getColumn(column).width ?? 9) * 7 + 5;
  return pixels / 96;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return '31 Dec 2026';
  return String(value);
}

interface Printed {
  ws: Worksheet;
  headerRow: number;
}

function checkPrintable({ ws, headerRow }: Printed): void {
  const setup = ws.pageSetup;
  expect(setup.orientation, ws.name).toBe('landscape');
  expect([A4, A3], ws.name).toContain(setup.paperSize);
  expect(setup.fitToPage && setup.fitToWidth === 1 && setup.fitToHeight === 0, ws.name).toBe(true);
  // One page wide at this scale: Calibri 11 must not shrink below 8 pt.
  const scale = Math.min(1, PRINTABLE_INCHES[setup.paperSize as number]! / sheetInches(ws));
  expect(11 * scale, `${ws.name} prints its text at`).toBeGreaterThanOrEqual(8);
  expect(setup.printTitlesRow, ws.name).toBe(`1:${headerRow}`);

  ws.getRow(headerRow).eachCell((cell) => {
    expect(cell.font.name, `${ws.name} header ${cell.address}`).toBeTruthy();
  });

  let rows = 0;
  for (let number = headerRow + 1; number <= ws.rowCount; number += 1) {
    const row = ws.getRow(number);
    if (!row.hasValues) continue;
    rows += 1;
    expect(row.height, `${ws.name} row ${number} has a height`).toBeGreaterThan(0);
    row.eachCell((cell, column) => {
      const text = cellText(cell.value);
      if (!text) return;
      // At most 1.4 Calibri letters fit in a unit of width, and a line is at least 12 points tall.
      const width = ws.getColumn(column).width ?? 9;
      const lines = text
        .split('\n')
        .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / (width * 1.4))), 0);
      expect(row.height, `${ws.name} ${cell.address} holds ${lines} lines`).toBeGreaterThanOrEqual(lines * 12);
      expect(cell.font.name, `${ws.name} ${cell.address} font`).toBeTruthy();
    });
    for (let column = 1; column <= ws.actualColumnCount; column += 1) {
      if (ws.getCell(number, 1).isMerged) break;
      expect(ws.getCell(number, column).border.bottom?.style, `${ws.name} line under ${number}`).toBe('thin');
    }
  }
  expect(rows, `${ws.name} has rows`).toBeGreaterThan(0);
}

describe('the plan workbook prints', () => {
  let workbook: Workbook;
  beforeAll(async () => {
    workbook = await load(await writePlanWorkbook(demoDocument(), TODAY));
  });

  it.each(['Action plan', 'Next steps', 'Maturity matrix', 'Matrix history', 'By lead', 'Overdue'])(
    '"%s" on A4 or A3 at 8 pt or more, header on every page, rows fitted and ruled',
    (name) => {
      checkPrintable({ ws: workbook.getWorksheet(name)!, headerRow: 1 });
    },
  );

  it('puts the wide "Action plan" on A3 and the narrower sheets on A4', () => {
    expect(workbook.getWorksheet('Action plan')!.pageSetup.paperSize).toBe(A3);
    expect(workbook.getWorksheet('Next steps')!.pageSetup.paperSize).toBe(A4);
    expect(workbook.getWorksheet('By lead')!.pageSetup.paperSize).toBe(A4);
  });
});

describe('the "My actions" workbook prints', () => {
  it('on A4 or A3 at 8 pt or more, title and header on every page, rows fitted and ruled', async () => {
    const doc = demoDocument();
    const items = actionsLedBy(doc, 'Bethan Lloyd', TODAY);
    expect(items.length).toBeGreaterThan(0);
    const workbook = await load(await writeMyActionsWorkbook('Bethan Lloyd', items, doc.plan.title));
    checkPrintable({ ws: workbook.getWorksheet('My actions')!, headerRow: 2 });
  });
});
