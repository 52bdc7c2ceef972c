import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exportPaper, issueDraft, openBoardPaper } from './steps/boardPaper';
import { e2eSkipReason, launchApp, sharedBrowser, planOnDisk, expectNoAxeViolations } from './support';

const unavailable = e2eSkipReason();

const clock = () => new Date('2026-11-24T10:00:00Z');
const SUBJECT = 'Early Help and Prevention progress for January 2027';

describe.skipIf(unavailable !== null)('board paper in real Chromium', () => {
  const browser = sharedBrowser();

  it('exports the edited paper with measures to Word and Excel, records it, and starts the next one from it', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      const earlierPapers = (await planOnDisk(app.dataFile)).papers.length;

      const form = await openBoardPaper(page);
      await form.getByLabel('Subject', { exact: true }).fill(SUBJECT);

      const preview = page.getByRole('complementary', { name: 'Preview of the progress summary' });
      await preview.getByText(`Subject: ${SUBJECT}`).waitFor();
      // The demo plan has updates no manager has reviewed; the counts section brings them into the paper.
      await preview.getByRole('heading', { name: /^Updates not yet reviewed \(\d+\)$/ }).waitFor();
      expect(await preview.getByRole('table', { name: 'Measures' }).count()).toBe(0);

      const measures = form.getByRole('checkbox', { name: 'Measures table' });
      expect(await measures.isChecked()).toBe(false);
      await measures.check();
      const table = preview.getByRole('table', { name: 'Measures' });
      const contacts = table.getByRole('row', { name: /% of contacts to social care/ });
      await contacts.waitFor();
      expect(await contacts.textContent()).toContain('18%');
      expect(await contacts.textContent()).toContain('15% or less');
      expect(await contacts.textContent()).toContain('Not met');
      expect(await contacts.textContent()).toContain('Improving');
      expect(await table.getByRole('row').count()).toBe(1 + 7);

      const files = await exportPaper(page);
      await expectNoAxeViolations(page, 'the board paper with its measures table, just exported');
      expect(files).toHaveLength(2);
      const docx = files.find((file) => file.endsWith('.docx'))!;
      const xlsx = files.find((file) => file.endsWith('.xlsx'))!;
      expect(docx).toBeDefined();
      expect(xlsx).toBeDefined();
      // The harness has no folder dialog: it writes beside the data file.
      for (const file of [docx, xlsx]) {
        expect(dirname(file)).toBe(join(dirname(app.dataFile), 'board-papers'));
        expect(existsSync(file), file).toBe(true);
      }

      const zip = await JSZip.loadAsync(await readFile(docx));
      const xml = await zip.file('word/document.xml')!.async('string');
      expect(xml).toContain(`>${SUBJECT}</w:t>`);
      expect(xml).toContain('>Against target</w:t>');
      expect(xml).toContain('>% of contacts to social care</w:t>');
      expect(xml).toContain('>Updates not yet reviewed</w:t>');
      expect((await readFile(xlsx)).subarray(0, 2).toString()).toBe('PK');

      const after = await planOnDisk(app.dataFile);
      expect(after.papers).toHaveLength(earlierPapers + 1);
      expect(after.papers.at(-1)).toMatchObject({
        subject: SUBJECT,
        producedAt: '2026-11-24T10:00:00.000Z',
        files,
        sections: expect.objectContaining({ measures: true }),
      });
      // A draft is never compared with: the screen still compares with the paper issued before this meeting.
      await preview
        .getByText('Compares with the paper issued to the Health and Wellbeing Board for 17th September 2026.')
        .waitFor();

      await page.getByRole('button', { name: 'Action plan', exact: true }).click();
      await page.getByRole('button', { name: 'Board paper', exact: true }).click();
      await expect
        .poll(() => page.getByRole('form', { name: 'Board paper' }).getByLabel('Subject', { exact: true }).inputValue())
        .toBe(SUBJECT);
      expect(await page.getByRole('checkbox', { name: 'Measures table' }).isChecked()).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('keeps one draft for two exports of a meeting, issues it, and compares the next paper with it', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      const views = page.getByRole('navigation', { name: 'Views' });
      const form = await openBoardPaper(page);
      await form.getByRole('checkbox', { name: 'Excel workbook of the plan (.xlsx)' }).uncheck();
      for (let time = 0; time < 2; time++) await exportPaper(page);
      const drafts = (await planOnDisk(app.dataFile)).papers.filter((paper) => paper.state === 'draft');
      expect(drafts).toHaveLength(1);

      await views.getByRole('button', { name: 'Papers history' }).click();
      const history = page.getByRole('table');
      await history.getByRole('row', { name: /21st January 2027/ }).waitFor();
      expect(await history.getByRole('row', { name: /21st January 2027/ }).count()).toBe(1);
      expect(await history.getByRole('row', { name: /21st January 2027/ }).textContent()).toContain('Draft');

      await openBoardPaper(page);
      await issueDraft(page, 'Draft for Health and Wellbeing Board, 21st January 2027:');

      await views.getByRole('button', { name: 'Papers history' }).click();
      const issuedRow = page.getByRole('table').getByRole('row', { name: /21st January 2027/ });
      await expect.poll(() => issuedRow.textContent()).toContain('Issued');
      const issued = (await planOnDisk(app.dataFile)).papers.find((paper) => paper.meetingDate === '2027-01-21')!;
      expect(issued.state).toBe('issued');
      expect(issued.issuedAt).toBe('2026-11-24T10:00:00.000Z');

      await views.getByRole('button', { name: 'Board paper', exact: true }).click();
      await page.getByRole('form', { name: 'Board paper' }).getByLabel('Meeting date').fill('2027-03-18');
      const preview = page.getByRole('complementary', { name: 'Preview of the progress summary' });
      await preview
        .getByText('Compares with the paper issued to the Health and Wellbeing Board for 21st January 2027.')
        .waitFor();
      const docx = (await exportPaper(page)).find((file) => file.endsWith('.docx'))!;
      const xml = await (await JSZip.loadAsync(await readFile(docx))).file('word/document.xml')!.async('string');
      expect(xml).toContain(
        'Changes are measured against the last paper, to the Health and Wellbeing Board on 21st January 2027.',
      );
    } finally {
      await app.close();
    }
  });

  it('opens again with the templates of the last visit and its figures while the templates are read again', async () => {
    let held: Promise<void> | null = null;
    let release: () => void = () => undefined;
    const app = await launchApp(browser(), {
      clock,
      wrapHandlers: (handlers) => ({
        ...handlers,
        listPaperTemplates: async (input) => {
          const answer = await handlers.listPaperTemplates(input);
          if (held) await held;
          return answer;
        },
      }),
    });
    try {
      const { page } = app;
      const views = page.getByRole('navigation', { name: 'Views' });
      const preview = page.getByRole('complementary', { name: 'Preview of the progress summary' });
      await openBoardPaper(page);
      await preview.getByRole('heading', { name: /^Updates not yet reviewed/ }).waitFor();
      await views.getByRole('button', { name: 'Action plan', exact: true }).click();

      held = new Promise<void>((resolve) => (release = resolve));
      await views.getByRole('button', { name: 'Board paper', exact: true }).click();
      const form = page.getByRole('form', { name: 'Board paper' });
      await preview.getByRole('heading', { name: /^Updates not yet reviewed/ }).waitFor({ timeout: 5000 });
      expect(await page.getByText('Loading the board paper templates…').count()).toBe(0);
      await form.getByLabel('Subject', { exact: true }).fill(SUBJECT);
      await preview.getByText(`Subject: ${SUBJECT}`).waitFor();

      // The templates read again are the same: what was typed meanwhile stays.
      release();
      held = null;
      await page.waitForTimeout(200);
      expect(await form.getByLabel('Subject', { exact: true }).inputValue()).toBe(SUBJECT);
      await expectNoAxeViolations(page, 'the board paper opened again from the templates of the last visit');
    } finally {
      release();
      await app.close();
    }
  });
});
