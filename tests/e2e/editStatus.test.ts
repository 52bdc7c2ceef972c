import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { planDocumentSchema } from '../../shared/model/plan';
import { e2eSkipReason, launchApp, sharedBrowser, expectNoAxeViolations, TESTER } from './support';

const unavailable = e2eSkipReason();

describe.skipIf(unavailable !== null)('action plan in real Chromium against the browser harness', () => {
  const browser = sharedBrowser();

  it('edits an action status, survives a reload and is written to the JSON file', async () => {
    const app = await launchApp(browser());
    try {
      const { page } = app;
      const before = planDocumentSchema.parse(JSON.parse(await readFile(app.dataFile, 'utf8')));
      const target = before.actions.find((action) => action.status !== 'off_track')!;
      const select = page.getByLabel(`Status of action ${target.number}`, { exact: true });
      await expect.poll(() => select.inputValue()).toBe(target.status);

      await select.selectOption('off_track');
      await page.getByText(/^Saved /).waitFor();
      await expectNoAxeViolations(page, 'the action plan after a status was saved');

      await page.reload();
      await expect
        .poll(() => page.getByLabel(`Status of action ${target.number}`, { exact: true }).inputValue())
        .toBe('off_track');

      const after = planDocumentSchema.parse(JSON.parse(await readFile(app.dataFile, 'utf8')));
      expect(after.actions.find((action) => action.id === target.id)?.status).toBe('off_track');
      const logged = after.updateLog.at(-1)!;
      expect(logged).toMatchObject({ actionId: target.id, field: 'status', new: '"off_track"', by: TESTER.name });
      expect(logged.old).toBe(JSON.stringify(target.status));
    } finally {
      await app.close();
    }
  });
});
