import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePlanFile } from '../../electron/core/planFileCodec';
import { demoDocument } from '../../electron/core/demoPlan';
import { e2eSkipReason, launchApp, planOnDisk, sharedBrowser } from './support';

const unavailable = e2eSkipReason();

describe.skipIf(unavailable !== null)('the plan check and the refusal screen in real Chromium', () => {
  const browser = sharedBrowser();

  it('lists a lead linked to someone not in People, goes to the action, and the fix clears it', async () => {
    const doc = demoDocument() as any;
    const action = doc.actions[0];
    action.leads = [{ ...action.leads[0], personId: 'p-left-the-council' }];
    action.riskRating = 'amber';
    const dataFile = join(await mkdtemp(join(tmpdir(), 'apt-e2e-')), 'action-plan.json');
    await writeFile(dataFile, encodePlanFile(doc));
    const app = await launchApp(browser(), { dataFile });
    try {
      const { page } = app;
      await page.getByText('The plan check found one thing to look at').waitFor();
      await page.getByRole('button', { name: 'See the plan check' }).click();
      const panel = page.getByRole('region', { name: 'Plan check' });
      await panel.getByText(`Action ${action.number}, Lead`).waitFor();
      await panel.getByText('A field "riskRating" that this version of the app does not know.').waitFor();
      await panel.getByRole('button', { name: `Open Action ${action.number}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Save action' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expect.poll(async () => panel.getByText(`Action ${action.number}, Lead`).count()).toBe(0);

      const saved = await planOnDisk(dataFile);
      const lead = saved.actions[0]!.leads[0]!;
      // The lead is linked again to the person of that name who is in People, and the unknown field stayed.
      expect(lead.personId).toBe(doc.people.find((person: { name: string }) => person.name === lead.name).id);
      expect(JSON.parse(await readFile(dataFile, 'utf8')).actions[0].riskRating).toBe('amber');
    } finally {
      await app.close();
    }
  });

  it('shows a refused file with its problems named as a person knows them', async () => {
    const doc = demoDocument() as any;
    doc.actions[1].status = 'done';
    const dataFile = join(await mkdtemp(join(tmpdir(), 'apt-e2e-')), 'action-plan.json');
    await writeFile(dataFile, JSON.stringify(doc));
    const app = await launchApp(browser(), { dataFile });
    try {
      const { page } = app;
      await page.getByRole('heading', { name: 'The plan file has data that is not valid' }).waitFor();
      const row = page.getByRole('row', { name: new RegExp(`Action ${doc.actions[1].number}, Status`) });
      await row.getByText(/must be one of Not started, On track/).waitFor();
      await row.getByText('actions[1].status').waitFor();
    } finally {
      await app.close();
    }
  });
});
