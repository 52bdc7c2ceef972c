import JSZip from 'jszip';
import type { Workbook } from 'exceljs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { renderBoardPaperDocx } from '../../../../../electron/core/export/docx/boardPaper';
import { loadPaperTemplates } from '../../../../../electron/core/export/boardPaperTemplates';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import { buildPaperContent, paperInputFromTemplate } from '../../../../../shared/domain/boardPaperContent';
import { ACTION_STATUSES, STATUS_LABELS } from '../../../../../shared/model/action';
import type { ActionStatus } from '../../../../../shared/model/action';

const TODAY = '2026-11-24';

/** exceljs reads each conditional rule's format back onto the rule, undeclared in its typings. */
interface StatusRule {
  formulae: string[];
  style: { fill: { bgColor: { argb: string } } };
}

/** The fill the plan workbook gives each status, from its conditional formats as a spreadsheet reads them. */
async function workbookFills(): Promise<Record<string, string>> {
  const workbook: Workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    (await writePlanWorkbook(demoDocument(), TODAY)) as unknown as Parameters<typeof workbook.xlsx.load>[0],
  );
  const formats = (
    workbook.getWorksheet('Action plan') as unknown as { conditionalFormattings: { rules: StatusRule[] }[] }
  ).conditionalFormattings;
  return Object.fromEntries(
    formats[0]!.rules.map((rule) => [rule.formulae[0]!.replace(/"/g, ''), rule.style.fill.bgColor.argb.slice(2)]),
  );
}

/** The fill behind each status label in the paper's "Actions by status" table. */
async function paperFills(): Promise<Record<string, string>> {
  const [template] = await loadPaperTemplates(resolve('templates/board-papers'));
  const content = buildPaperContent(demoDocument(), paperInputFromTemplate(template!, '2027-01-21'), TODAY);
  const zip = await JSZip.loadAsync(await renderBoardPaperDocx(content));
  const xml = await zip.file('word/document.xml')!.async('string');
  const fills: Record<string, string> = {};
  for (const cell of xml.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []) {
    const label = ACTION_STATUSES.map((status) => STATUS_LABELS[status]).find((text) =>
      cell.includes(`>${text}</w:t>`),
    );
    const fill = /<w:shd [^>]*w:fill="([0-9A-F]{6})"/.exec(cell)?.[1];
    if (label && fill) fills[label] ??= fill;
  }
  return fills;
}

describe('status colours', () => {
  let workbook: Record<string, string>;
  let paper: Record<string, string>;
  beforeAll(async () => {
    [workbook, paper] = await Promise.all([workbookFills(), paperFills()]);
  });

  it('shade each status the same in the Word paper as in the plan workbook', () => {
    const labels = ACTION_STATUSES.map((status: ActionStatus) => STATUS_LABELS[status]);
    expect(Object.keys(workbook).sort()).toEqual([...labels].sort());
    expect(Object.keys(paper).sort()).toEqual([...labels].sort());
    for (const label of labels) expect({ label, fill: paper[label] }).toEqual({ label, fill: workbook[label] });
  });
});
