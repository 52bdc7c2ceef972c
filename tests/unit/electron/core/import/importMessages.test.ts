import { beforeAll, describe, expect, it } from 'vitest';
import type { Workbook } from 'exceljs';
import JSZip from 'jszip';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import { previewWorkbookImport } from '../../../../../electron/core/import/planWorkbookImport';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { withHonestEntry } from '../../../../support/hostileWorkbooks';

/** Import messages that tell a lead what to do: the wrong kind of file, a renamed sheet, a number typed as text. */
const TODAY = '2026-11-24';

let doc: PlanDocument;
let exported: Buffer;

beforeAll(async () => {
  doc = demoDocument();
  exported = await writePlanWorkbook(doc, TODAY, { now: new Date('2026-11-24T09:30:00.000Z') });
});

async function edited(edit: (workbook: Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(exported as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The reasons of the problems a preview of `bytes` finds. */
async function reasons(bytes: Buffer): Promise<string[]> {
  const preview = await previewWorkbookImport(doc, bytes);
  expect(preview.changes).toEqual([]);
  return preview.problems.map((problem) => problem.reason);
}

/** Words of JavaScript, exceljs or JSZip that must never reach a council officer. */
const RAW_ERROR = /undefined|null|properties|TypeError|Error:|in model|sheetNo|richText|\bof\b.*\breading\b/;

describe('a file that is not an .xlsx workbook is named for what it is, by its content', () => {
  it('an OpenDocument spreadsheet, even when called .xlsx', async () => {
    const ods = new JSZip();
    ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
    ods.file('content.xml', '<office:document-content/>');
    ods.file('META-INF/manifest.xml', '<manifest:manifest/>');
    const bytes = await ods.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const [reason] = await reasons(bytes);
    expect(reason).toMatch(/is an OpenDocument spreadsheet \(\.ods\)/);
    expect(reason).toMatch(/save it .*"Excel 2007-365 \(\.xlsx\)", and import that file/);
  });

  it('a CSV, an HTML "xls", an XML Spreadsheet 2003 and a Word document', async () => {
    const docx = new JSZip();
    docx.file('[Content_Types].xml', '<Types/>');
    docx.file('word/document.xml', '<w:document/>');
    const cases: [Buffer, RegExp][] = [
      [
        Buffer.from('\uFEFFMatrix area;Action No.;Status\r\nService delivery;1;On track\r\n'),
        /is a CSV text file \(\.csv\)/,
      ],
      [Buffer.from('<html><body><table><tr><td>1</td></tr></table></body></html>'), /is a web page \(HTML\)/],
      [
        Buffer.from(
          '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet/></Workbook>',
        ),
        /is an "XML Spreadsheet 2003" file/,
      ],
      [await docx.generateAsync({ type: 'nodebuffer' }), /is a Word document \(\.docx\)/],
    ];
    for (const [bytes, reason] of cases) expect(await reasons(bytes)).toEqual([expect.stringMatching(reason)]);
  });
});

describe('no parser error text reaches the person importing', () => {
  it.each([
    [
      'xl/worksheets/sheet1.xml',
      '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>999999</v></c></row></sheetData></worksheet>',
    ],
    [
      'xl/worksheets/sheet1.xml',
      '<worksheet><sheetData><row r="x"><c r="1A"><v>1</v></c></row></sheetData></worksheet>',
    ],
    ['xl/styles.xml', '<styleSheet><cellXfs><xf numFmtId="abc"/></cellXfs></styleSheet'],
    ['xl/workbook.xml', '<workbook><sheets><sheet name="Action plan" sheetId="1" r:id="rId4"/></sheets>'],
    ['xl/sharedStrings.xml', '<sst><si><t>a</t></si'],
  ])('a damaged %s gives plain words', async (entry, xml) => {
    const problems = await reasons(await withHonestEntry(exported, entry, Buffer.from(xml)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).not.toMatch(RAW_ERROR);
    expect(problems[0]).toMatch(/could not be read as an Excel workbook \(\.xlsx\).*save it again/);
  });

  it('a fault while comparing with the plan gives plain words', async () => {
    const damaged = { ...doc, matrix: { ...doc.matrix, areas: null } } as unknown as PlanDocument;
    const preview = await previewWorkbookImport(damaged, exported);
    expect(preview.problems.map((problem) => problem.reason)).toEqual([
      expect.stringMatching(
        /^the workbook was read, but it could not be compared with the plan, so nothing was changed/,
      ),
    ]);
    expect(preview.problems[0]!.reason).not.toMatch(RAW_ERROR);
  });
});

describe('a renamed sheet', () => {
  it('"Action plan (2)" (a copy Excel named) is found by its name', async () => {
    const bytes = await edited((workbook) => {
      workbook.getWorksheet('Action plan')!.name = 'Action plan (2)';
    });
    expect(await reasons(bytes)).toEqual([
      'the sheet "Action plan" is missing; found "Action plan (2)" – was it renamed? Rename it back to "Action plan" ' +
        '(right-click its tab, Rename) and import the workbook again',
    ]);
  });

  it('"Sheet1" is found by its header row, and a typo by its name', async () => {
    const bytes = await edited((workbook) => {
      workbook.getWorksheet('Next steps')!.name = 'Sheet1';
      workbook.getWorksheet('Action plan')!.name = 'Acton plans';
    });
    const found = await reasons(bytes);
    expect(found).toEqual([
      expect.stringMatching(/^the sheet "Action plan" is missing; found "Acton plans" – was it renamed\?/),
      expect.stringMatching(/^the sheet "Next steps" is missing; found "Sheet1" – was it renamed\?/),
    ]);
  });
});

describe('a number in a text column', () => {
  it('is imported as its text, with a notice naming the sheet, row and column', async () => {
    const row = 2;
    const bytes = await edited((workbook) => {
      const sheet = workbook.getWorksheet('Action plan')!;
      sheet.getCell(row, 5).value = 1.1;
      sheet.getCell(row, 8).value = 2027;
    });
    const preview = await previewWorkbookImport(doc, bytes);
    expect(preview.problems).toEqual([]);
    const number = String(doc.actions.find((action) => action.id === preview.changes[0]?.actionId)?.number);
    expect(preview.changes.map((change) => [change.actionNumber, change.field, change.new])).toEqual([
      [number, 'achievement', '1.1'],
      [number, 'timescale', '2027'],
    ]);
    expect(preview.notices).toEqual([
      {
        sheet: 'Action plan',
        row,
        column: 'Achievement to date',
        columnLetter: 'E',
        reason: 'Excel held a number here, not text; it was imported as the text "1.1" – check it reads as you meant',
      },
      {
        sheet: 'Action plan',
        row,
        column: 'Timescale',
        columnLetter: 'H',
        reason: 'Excel held a number here, not text; it was imported as the text "2027" – check it reads as you meant',
      },
    ]);
  });
});
