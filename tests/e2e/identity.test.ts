import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoDocument } from '../../electron/core/demoPlan';
import { e2eSkipReason, expectNoAxeViolations, launchApp, planOnDisk, sharedBrowser, TEST_LOGIN } from './support';

const unavailable = e2eSkipReason();

const clock = () => new Date('2026-11-24T10:00:00Z');
const SHOTS = process.env.SCREENSHOT_DIR;

describe.skipIf(unavailable !== null)('Who is editing, and managers, in real Chromium', () => {
  const browser = sharedBrowser();

  it('asks who you are on first use, blocks the plan until you answer, and the update log then names you', async () => {
    const app = await launchApp(browser(), { clock, identity: null });
    try {
      const { page } = app;
      const ask = page.getByRole('dialog', { name: 'Who are you?' });
      await ask.waitFor();
      if (SHOTS) await page.screenshot({ path: join(SHOTS, 'who-are-you.png') });
      await expectNoAxeViolations(page, 'the "Who are you?" dialog');
      await expect.poll(() => ask.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);

      // The plan behind cannot be used: not by mouse, not by keyboard, and Escape does not get rid of the question.
      expect(await page.locator('.app').evaluate((app) => (app as HTMLElement).inert)).toBe(true);
      await expect(page.getByRole('button', { name: 'Plan & people' }).click({ timeout: 1000 })).rejects.toThrow();
      for (let press = 0; press < 8; press += 1) {
        await page.keyboard.press('Tab');
        expect(await ask.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
      }
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+k');
      // Give a dismissal, had there been one, the time to render.
      await page.waitForTimeout(300);
      expect(await ask.isVisible()).toBe(true);
      expect(await page.getByRole('dialog', { name: 'Find an action' }).count()).toBe(0);
      expect((await planOnDisk(app.dataFile)).updateLog).toEqual(demoDocument().updateLog);

      await ask.getByLabel('I am').selectOption({ label: 'Priya Chandran' });
      await ask.getByRole('button', { name: 'Continue' }).click();
      await ask.waitFor({ state: 'detached' });
      expect(await page.locator('.app').evaluate((app) => (app as HTMLElement).inert)).toBe(false);
      await expect.poll(() => page.getByLabel('Editing as').inputValue()).toBe('p-priya-chandran');

      await page.getByRole('button', { name: /^Action plan/ }).click();
      await page
        .getByRole('row')
        .filter({ hasText: 'Strengthening Families phase 2' })
        .first()
        .getByRole('combobox')
        .selectOption('at_risk');
      await expect
        .poll(async () => (await planOnDisk(app.dataFile)).updateLog.at(-1))
        .toMatchObject({
          field: 'status',
          by: 'Priya Chandran',
          byPersonId: 'p-priya-chandran',
          login: TEST_LOGIN,
        });

      // Switching person in the header makes the next change record the new name.
      await page.getByLabel('Editing as').selectOption({ label: 'Marcus Adeyemi' });
      await page
        .getByRole('row')
        .filter({ hasText: 'Strengthening Families phase 2' })
        .first()
        .getByRole('combobox')
        .selectOption('on_track');
      await expect
        .poll(async () => (await planOnDisk(app.dataFile)).updateLog.at(-1))
        .toMatchObject({ field: 'status', by: 'Marcus Adeyemi', byPersonId: 'p-marcus-adeyemi' });
    } finally {
      await app.close();
    }
  });

  it("shows a manager their team's actions, and the lead the manager's send-back where they update", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apt-e2e-team-'));
    const dataFile = join(dir, 'action-plan.json');
    const doc = demoDocument();
    await writeFile(dataFile, JSON.stringify(doc));
    await writeFile(
      join(dir, 'preferences.json'),
      JSON.stringify({ identities: { [doc.plan.id]: 'p-marcus-adeyemi' } }),
    );
    const app = await launchApp(browser(), { clock, dataFile });
    try {
      const { page } = app;
      // Marcus becomes Priya's line manager in People, where her email is set too.
      await page.getByRole('button', { name: 'Plan & people' }).click();
      await page.getByRole('button', { name: 'Edit Priya Chandran' }).click();
      const form = page.getByRole('form', { name: 'Edit Priya Chandran' });
      await form.getByLabel('Email').fill('priya.chandran@example.org');
      await form.getByLabel('Line manager').selectOption({ label: 'Marcus Adeyemi' });
      if (SHOTS) await page.screenshot({ path: join(SHOTS, 'people-edit.png'), fullPage: true });
      await form.getByRole('button', { name: 'Save' }).click();
      await form.waitFor({ state: 'detached' });
      expect((await planOnDisk(app.dataFile)).people.find((person) => person.id === 'p-priya-chandran')).toMatchObject({
        email: 'priya.chandran@example.org',
        managerId: 'p-marcus-adeyemi',
      });
      await page
        .getByRole('row', { name: /^Priya Chandran/ })
        .getByText('Marcus Adeyemi')
        .waitFor();
      if (SHOTS) await page.locator('section.people').screenshot({ path: join(SHOTS, 'people.png') });

      await page.getByRole('button', { name: /^My actions/ }).click();
      await page.getByRole('button', { name: 'My team' }).click();
      await page.getByRole('heading', { name: 'Marcus Adeyemi’s team' }).waitFor();
      const priya = page.getByRole('region', { name: 'Actions led by Priya Chandran' });
      const row = priya.locator('tr[data-action-id="a-01"]');
      await row.waitFor();

      await row.getByRole('button', { name: 'Send back action 1' }).click();
      await row.getByLabel('What needs changing?').fill('Say how many families the radar charts covered.');
      await row.getByRole('button', { name: 'Send back', exact: true }).click();
      await expect
        .poll(async () => (await planOnDisk(app.dataFile)).reviews.at(-1))
        .toMatchObject({ outcome: 'sent_back', by: 'Marcus Adeyemi', byPersonId: 'p-marcus-adeyemi' });
      if (SHOTS) await page.screenshot({ path: join(SHOTS, 'my-team.png'), fullPage: true });

      // Priya at the same computer: her list and Before the board both show what Marcus asked.
      await page.getByLabel('Editing as').selectOption({ label: 'Priya Chandran' });
      await page.getByRole('button', { name: 'My team' }).click();
      await page.getByRole('heading', { name: 'Actions led by Priya Chandran' }).waitFor();
      const notice = /^Sent back by Marcus Adeyemi on 24 Nov 2026: Say how many families the radar charts covered\.$/;
      await page.locator('tr[data-action-id="a-01"]').getByText(notice).waitFor();
      if (SHOTS) await page.screenshot({ path: join(SHOTS, 'lead-sent-back.png'), fullPage: true });
      await page.getByRole('button', { name: /^Before the board/ }).click();
      const item = page.locator('article[data-action-id="a-01"]');
      if ((await item.count()) > 0) {
        await item.getByText(notice).waitFor();
        if (SHOTS) await item.screenshot({ path: join(SHOTS, 'before-board-sent-back.png') });
      }
    } finally {
      await app.close();
    }
  });
});
