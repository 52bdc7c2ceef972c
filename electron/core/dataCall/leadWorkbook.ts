/**
 * One lead's workbook for a data call: "Instructions", "My actions" (the plan workbook's "Action plan"
 * sheet with only the actions this lead leads or leads a step of), "Next steps" (their steps, and rows
 * for new ones), "My measures" (the measures they own in People) and the hidden "_ids", which also says
 * which data call and lead the workbook answers (read back by shared/domain/dataCallReturn.ts).
 */
import type { Workbook, Worksheet } from 'exceljs';
import { formatReturnDate } from '../../../shared/domain/dataCall';
import { DATA_CALL_META, LEAD_SHEET, MEASURE_COLUMNS, MEASURE_ROW_KEY } from '../../../shared/domain/dataCallReturn';
import { actionsLedBy } from '../../../shared/domain/beforeBoard';
import { isInForce } from '../../../shared/model/correction';
import type { DataCall, DataCallLead } from '../../../shared/model/dataCall';
import type { Measure } from '../../../shared/model/measure';
import type { PlanDocument } from '../../../shared/model/plan';
import type { IsoDate } from '../../../shared/model/primitives';
import { dateCellText } from '../../../shared/domain/workbook';
import type { PageContext } from '../export/planWorkbook';
import { dateColumn, protect, setUpTable, text, textColumn, writePlanWorkbook } from '../export/planWorkbook';
import { excelDate, fitRowHeight } from '../export/planWorkbookExcel';

function latestValue(measure: Measure) {
  return (
    measure.values
      .filter(isInForce)
      .sort((a, b) => a.date.localeCompare(b.date))
      .at(-1) ?? null
  );
}

async function addInstructions(wb: Workbook, doc: PlanDocument, call: DataCall, lead: DataCallLead): Promise<void> {
  const ws = wb.addWorksheet(LEAD_SHEET.instructions, { properties: { tabColor: { argb: 'FF7030A0' } } });
  ws.columns = [{ width: 28 }, { width: 90 }];
  const lines: [string, string][] = [
    ['Update for', lead.name],
    ['Plan', doc.plan.title],
    ['Board', call.board],
    ['Meeting', formatReturnDate(call.meetingDate)],
    ['Please return by', formatReturnDate(call.returnBy)],
    ['Message', call.message],
    ['', ''],
    [
      'My actions',
      'The actions you lead or lead a next step of. Fill in the green columns: Achievement to date, Timescale, ' +
        'Status (pick from the list), Risks and issues, and Comment for the board (what you want the board to ' +
        'read about the action). The other columns are locked.',
    ],
    [
      'Next steps',
      'Edit a step in its row; set Done to Yes when it is finished. To add a step, fill in a new row below with the ' +
        'Action No. and leave Step No. empty. Do not delete rows.',
    ],
    ['My measures', 'For each measure you report, type the new value, the date it is for and a note if needed.'],
    [
      'Sending it back',
      'Save the workbook as it is (.xlsx), without renaming it or copying its rows into another file, and email it back.',
    ],
  ];
  for (const [label, value] of lines) {
    const row = ws.addRow([text(label), text(value)]);
    row.getCell(1).font = { bold: true };
    row.alignment = { vertical: 'top', wrapText: true };
    fitRowHeight(row, [label, value], [28, 90]);
  }
  await protect(ws);
}

async function addMeasures(
  wb: Workbook,
  measures: readonly Measure[],
  page: PageContext,
  meta: [string, string][],
): Promise<void> {
  const ws: Worksheet = wb.addWorksheet(LEAD_SHEET.measures, { properties: { tabColor: { argb: 'FF2E7D32' } } });
  const widths = setUpTable(
    ws,
    MEASURE_COLUMNS.map((column) =>
      column.header === 'Its date'
        ? dateColumn(column.header)
        : textColumn(column.header, column.width, column.editable),
    ),
    page,
    { xSplit: 1 },
  );
  const newDate = ws.getColumn(MEASURE_COLUMNS.findIndex((column) => column.header === 'Date of new value') + 1);
  newDate.numFmt = 'd mmm yyyy';
  const newValue = ws.getColumn(MEASURE_COLUMNS.findIndex((column) => column.header === 'New value') + 1);
  newValue.numFmt = 'General';
  for (const measure of measures) {
    const latest = latestValue(measure);
    const texts = [
      measure.name,
      latest ? String(latest.value) : 'No value yet',
      latest ? dateCellText(latest.date, true) : '',
      latest?.note ?? '',
    ];
    const row = ws.addRow([
      text(texts[0]!),
      latest?.value ?? text(texts[1]!),
      excelDate(latest?.date ?? null),
      text(texts[3]!),
    ]);
    fitRowHeight(row, texts, widths);
    meta.push([`${MEASURE_ROW_KEY}${row.number}`, measure.id]);
  }
  await protect(ws);
}

/** The lead's workbook, written as the plan stands at `now`; the data call is already recorded. */
export function writeLeadWorkbook(
  doc: PlanDocument,
  call: DataCall,
  lead: DataCallLead,
  today: IsoDate,
  now: Date,
): Promise<Buffer> {
  const actions = actionsLedBy(doc, lead.name, today).map((item) => item.action);
  const measures = doc.measures.filter((measure) => lead.personId !== undefined && measure.ownerId === lead.personId);
  const meta: [string, string][] = [
    [DATA_CALL_META.callId, call.id],
    [DATA_CALL_META.fileName, lead.fileName],
    [DATA_CALL_META.lead, lead.name],
  ];
  return writePlanWorkbook(doc, today, {
    now,
    part: {
      actions,
      planSheetName: LEAD_SHEET.actions,
      addFirst: (wb) => addInstructions(wb, doc, call, lead),
      addLast: (wb, page) => addMeasures(wb, measures, page, meta),
      meta,
    },
  });
}
