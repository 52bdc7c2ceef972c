import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countByStatus } from '../../shared/domain/derived';
import { baselineFor } from '../../shared/domain/papers';
import { formatPaperDate } from '../../shared/domain/boardPaperContent';
import { STATUS_LABELS } from '../../shared/model/action';
import type { ActionStatus } from '../../shared/model/action';
import { hasLibreOffice, hasPythonModule, PYTHON, resaveWithLibreOffice } from '../support/otherPrograms';
import { exportPaper, issueDraft, openBoardPaper } from './steps/boardPaper';
import { applyReturns, importReturns, leadEdits, startDataCall } from './steps/dataCall';
import { e2eSkipReason, expectNoAxeViolations, launchApp, planOnDisk, sharedBrowser, TESTER } from './support';

const unavailable = e2eSkipReason();
const canReadWord = hasPythonModule('docx');
const clock = () => new Date('2026-11-24T10:00:00Z');
/** The demo plan's next board: the meeting the data call, the returns and the paper are all for. */
const MEETING = '2027-01-21';
const BOARD = 'Health and Wellbeing Board';

/** The Word paper as python-docx reads it: every paragraph with its style, and every table's cell texts. */
interface WordPaper {
  paragraphs: { style: string; text: string }[];
  tables: string[][][];
}

const READ_WORD = `
import docx, json, sys
document = docx.Document(sys.argv[1])
print(json.dumps({
  "paragraphs": [{"style": p.style.name, "text": p.text} for p in document.paragraphs],
  "tables": [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables],
}))
`;

function readWord(file: string): WordPaper {
  return JSON.parse(execFileSync(PYTHON, ['-c', READ_WORD, file], { encoding: 'utf8' })) as WordPaper;
}

/** The paragraphs under a heading of the paper, up to the next heading. */
function section(paper: WordPaper, title: string): string[] {
  const start = paper.paragraphs.findIndex(
    (paragraph) => paragraph.style.startsWith('Heading') && paragraph.text === title,
  );
  if (start < 0) throw new Error(`The paper has no "${title}" section.`);
  const rest = paper.paragraphs.slice(start + 1);
  const end = rest.findIndex((paragraph) => paragraph.style.startsWith('Heading'));
  return rest.slice(0, end < 0 ? undefined : end).map((paragraph) => paragraph.text);
}

/** A status other than `label` that a lead could choose, and not "Complete". */
function anotherStatus(label: string): string {
  return label === STATUS_LABELS.off_track ? STATUS_LABELS.at_risk : STATUS_LABELS.off_track;
}

function statusOfLabel(label: string): ActionStatus {
  return (Object.keys(STATUS_LABELS) as ActionStatus[]).find((status) => STATUS_LABELS[status] === label)!;
}

describe.skipIf(unavailable !== null || !hasLibreOffice || !canReadWord)('the board cycle in real Chromium', () => {
  const browser = sharedBrowser();

  it(
    'sends a data call, merges two leads’ returns (one re-saved by LibreOffice), issues the paper, and the Word paper reports their changes since the last paper',
    { timeout: 300_000 },
    async () => {
      const app = await launchApp(browser(), { clock });
      try {
        const { page } = app;
        const before = await planOnDisk(app.dataFile);
        const lastPaper = baselineFor(before, BOARD, MEETING);
        expect(lastPaper).not.toBeNull();

        // 1. The secretary starts the data call: one workbook and one email draft for each lead.
        const started = await startDataCall(app, {
          meetingDate: MEETING,
          returnBy: '2027-01-08',
          message: 'Please update your actions before the January board.',
        });
        expect(started.call.leads.length).toBeGreaterThanOrEqual(2);
        expect(started.drafts).toHaveLength(started.workbooks.length);
        expect(started.call.leads.map((lead) => lead.fileName).sort()).toEqual(started.workbooks);

        // 2. Two leads fill in their workbooks: one in a program writing like Excel (exceljs), one whose
        // workbook also goes through LibreOffice Calc. Each edits the first action of their own list.
        const returns = join(dirname(app.dataFile), 'returns');
        const [first, ...others] = started.call.leads;
        const firstBack = join(returns, first!.fileName);
        const completed = await leadEdits(join(started.folder, first!.fileName), firstBack, {
          achievement: 'All twelve family hubs open; the last opened in November.',
          status: STATUS_LABELS.complete,
        });
        let changed: Awaited<ReturnType<typeof leadEdits>> | null = null;
        let second = others[0]!;
        for (const lead of others) {
          const probe = await leadEdits(join(started.folder, lead.fileName), join(returns, 'probe', lead.fileName), {});
          if (probe.number === completed.number) continue;
          second = lead;
          changed = await leadEdits(join(started.folder, lead.fileName), join(returns, 'exceljs', lead.fileName), {
            achievement: 'Recruitment paused until the new year.',
            status: anotherStatus(probe.statusBefore),
          });
          break;
        }
        if (changed === null) throw new Error('Every lead of the call has the first lead’s action first.');
        const secondBack = resaveWithLibreOffice(join(returns, 'exceljs', second.fileName), returns);
        const newStatus = statusOfLabel(anotherStatus(changed.statusBefore));

        // 3. The secretary imports both returns, previews them and applies each.
        await importReturns(page, [firstBack, secondBack]);
        await expectNoAxeViolations(page, 'the returns preview');
        await applyReturns(page, [first!, second]);
        await page.getByRole('heading', { name: 'Returned (2)' }).waitFor();

        const merged = await planOnDisk(app.dataFile);
        const action = (number: string) => merged.actions.find((candidate) => candidate.number === number)!;
        expect(action(completed.number)).toMatchObject({
          status: 'complete',
          achievement: 'All twelve family hubs open; the last opened in November.',
        });
        expect(action(changed.number)).toMatchObject({
          status: newStatus,
          achievement: 'Recruitment paused until the new year.',
        });
        const loggedBy = (number: string) =>
          merged.updateLog.filter(
            (entry) => entry.actionId === action(number).id && entry.at === clock().toISOString(),
          );
        expect(loggedBy(completed.number).map((entry) => entry.by)).toContain(first!.name);
        expect(loggedBy(changed.number).map((entry) => entry.by)).toContain(second.name);
        expect(
          merged.dataCalls
            .at(-1)!
            .leads.filter((lead) => lead.returnedAt !== null)
            .map((lead) => lead.name),
        ).toEqual([first!.name, second.name]);

        // 4. The paper for the meeting is exported and issued to the board.
        const form = await openBoardPaper(page);
        expect(await form.getByLabel('Meeting date').inputValue()).toBe(MEETING);
        const lastMeeting = formatPaperDate(lastPaper!.meetingDate);
        await page
          .getByRole('complementary', { name: 'Preview of the progress summary' })
          .getByText(`Compares with the paper issued to the ${BOARD} for ${lastMeeting}.`)
          .waitFor();
        const files = await exportPaper(page);
        const word = files.find((file) => file.endsWith('.docx'))!;
        await issueDraft(page, `Draft for ${BOARD}, ${formatPaperDate(MEETING)}:`);
        const issued = (await planOnDisk(app.dataFile)).papers.find((paper) => paper.meetingDate === MEETING)!;
        expect(issued).toMatchObject({ state: 'issued', issuedBy: { name: TESTER.name, personId: TESTER.id } });
        expect(issued.snapshot.completed).toContain(action(completed.number).id);

        // 5. What the board reads, as Word shows it: compared with the paper issued before, with the leads' changes.
        const paper = readWord(word);
        const text = paper.paragraphs.map((paragraph) => paragraph.text).join('\n');
        expect(text).toContain(`Changes are measured against the last paper, to the ${BOARD} on ${lastMeeting}.`);
        const completedSince = section(paper, 'Completed since the last paper');
        expect(completedSince).toEqual(
          expect.arrayContaining([expect.stringMatching(`^Action ${completed.number}: `)]),
        );
        expect(completedSince).not.toEqual(
          expect.arrayContaining([expect.stringMatching(`^Action ${changed.number}: `)]),
        );

        const byStatus = paper.tables.find((table) => table[0]?.[0] === 'Status' && table[0][1] === 'Actions')!;
        const shownCount = (status: ActionStatus) =>
          Number(byStatus.find((row) => row[0] === STATUS_LABELS[status])?.[1]);
        const countedBefore = countByStatus(before.actions);
        const oldStatus = statusOfLabel(changed.statusBefore);
        const completedBefore = statusOfLabel(completed.statusBefore);
        const expected = { ...countedBefore };
        expected.complete += 1;
        expected[completedBefore] -= 1;
        expected[newStatus] += 1;
        expected[oldStatus] -= 1;
        for (const status of Object.keys(STATUS_LABELS) as ActionStatus[]) {
          expect(shownCount(status), STATUS_LABELS[status]).toBe(expected[status]);
        }

        const unreviewed = section(paper, 'Updates not yet reviewed');
        expect(unreviewed[0]).toBe(
          `Actions with updates logged since the last paper (for the ${BOARD} on ${lastMeeting}) that a manager has not yet reviewed.`,
        );
        const unreviewedTable = paper.tables.find((table) => table[0]?.at(-1) === 'Updates not reviewed')!;
        const listed = unreviewedTable.map((row) => row[0]);
        expect(listed).toEqual(expect.arrayContaining([completed.number, changed.number]));
      } finally {
        await app.close();
      }
    },
  );
});
