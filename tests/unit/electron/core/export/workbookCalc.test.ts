import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { writeMyActionsWorkbook } from '../../../../../electron/core/export/myActionsWorkbook';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import { actionsLedBy } from '../../../../../shared/domain/beforeBoard';
import { makeTempDir, removeDir } from '../../../../support/fixtures';
import { PYTHON, hasLibreOffice, hasPythonModule, resaveWithLibreOffice } from '../../../../support/otherPrograms';

/**
 * The workbooks as LibreOffice Calc and openpyxl see them: the hidden `_xlnm._FilterDatabase` name each
 * filtered sheet needs for Calc to show its AutoFilter, the filters, frozen panes and drop-down lists, read
 * back from the file by Debian's python3-openpyxl, and again after LibreOffice has opened and saved it.
 */
const hasOpenpyxl = hasPythonModule('openpyxl');
const TODAY = '2026-11-30';

const READ_BACK = `
import json, sys, zipfile, xml.etree.ElementTree as ET
import openpyxl
NS = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
root = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read('xl/workbook.xml'))
names = [{'name': d.get('name'), 'sheet': d.get('localSheetId'), 'hidden': d.get('hidden'), 'ref': d.text}
         for d in root.iter(NS + 'definedName')]
wb = openpyxl.load_workbook(sys.argv[1])
sheets = {ws.title: {'autoFilter': ws.auto_filter.ref, 'freeze': ws.freeze_panes,
                     'validations': sorted([str(v.sqref), v.type, v.formula1] for v in ws.data_validations.dataValidation)}
          for ws in wb.worksheets}
print(json.dumps({'sheetNames': wb.sheetnames, 'names': names, 'sheets': sheets}))
`;

interface ReadBack {
  sheetNames: string[];
  names: { name: string; sheet: string | null; hidden: string | null; ref: string }[];
  sheets: Record<string, { autoFilter: string | null; freeze: string | null; validations: [string, string, string][] }>;
}

const readBack = (file: string): ReadBack =>
  JSON.parse(execFileSync(PYTHON, ['-c', READ_BACK, file], { encoding: 'utf8' })) as ReadBack;

/** Each filtered sheet's `_xlnm._FilterDatabase`: sheet name -> [range, hidden]. */
function filterNames(read: ReadBack): Record<string, [string, boolean]> {
  return Object.fromEntries(
    read.names
      .filter((name) => name.name === '_xlnm._FilterDatabase')
      .map((name) => [
        read.sheetNames[Number(name.sheet)]!,
        [name.ref.replace(/^.*!/, '').replace(/\$/g, ''), name.hidden === '1' || name.hidden === 'true'],
      ]),
  );
}

let dir: string;
let planFile: string;
let myActionsFile: string;

beforeAll(async () => {
  dir = await makeTempDir('apt-calc-');
  planFile = join(dir, 'plan.xlsx');
  myActionsFile = join(dir, 'my-actions.xlsx');
  const doc = demoDocument();
  await writeFile(planFile, await writePlanWorkbook(doc, TODAY));
  await writeFile(
    myActionsFile,
    await writeMyActionsWorkbook('Bethan Lloyd', actionsLedBy(doc, 'Bethan Lloyd', TODAY), doc.plan.title),
  );
});

afterAll(async () => {
  await removeDir(dir);
});

/** What both the exported file and LibreOffice's re-save of it must hold. */
function expectFiltersAndLists(read: ReadBack): void {
  const filters = {
    'Action plan': read.sheets['Action plan']!.autoFilter,
    'Next steps': read.sheets['Next steps']!.autoFilter,
    'Matrix history': read.sheets['Matrix history']!.autoFilter,
    'By lead': read.sheets['By lead']!.autoFilter,
    Overdue: read.sheets.Overdue!.autoFilter,
  };
  for (const [sheet, ref] of Object.entries(filters)) expect(ref, sheet).toMatch(/^A1:[A-Z]+\d+$/);
  expect(filterNames(read)).toEqual(
    Object.fromEntries(Object.entries(filters).map(([sheet, ref]) => [sheet, [ref, true]])),
  );
  expect(read.sheets['Action plan']!.validations).toEqual([
    [expect.stringMatching(/^J2:J\d+$/), 'list', '"Not started,On track,At risk,Off track,Complete"'],
  ]);
  expect(read.sheets['Next steps']!.validations).toEqual([[expect.stringMatching(/^F2:F\d+$/), 'list', '"Yes,No"']]);
}

describe.skipIf(!hasOpenpyxl)('workbooks in LibreOffice Calc and openpyxl', () => {
  it('the plan workbook names each AutoFilter (hidden, per sheet) and keeps its frozen panes and lists', () => {
    const read = readBack(planFile);
    expectFiltersAndLists(read);
    expect(read.sheets['Action plan']!.freeze).toBe('D2');
    expect(read.sheets['Next steps']!.freeze).toBe('C2');
    expect(read.sheets['By lead']!.freeze).toBe('B2');
  });

  it('the "My actions" workbook names its AutoFilter below the title and freezes title and header', () => {
    const read = readBack(myActionsFile);
    const sheet = read.sheets['My actions']!;
    expect(sheet.autoFilter).toMatch(/^A2:G\d+$/);
    expect(filterNames(read)).toEqual({ 'My actions': [sheet.autoFilter, true] });
    expect(sheet.freeze).toBe('A3');
  });

  it.skipIf(!hasLibreOffice)(
    'LibreOffice Calc opens the plan workbook with its AutoFilters and lists and saves them back',
    { timeout: 120_000 },
    () => {
      // Frozen panes are not checked here: a headless LibreOffice has no window, so it writes no view
      // settings for any workbook (a file openpyxl wrote loses its panes the same way).
      expectFiltersAndLists(readBack(resaveWithLibreOffice(planFile, dir)));
    },
  );
});
