import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePlanFile } from '../../electron/core/planFileCodec';
import { demoDocument } from '../../electron/core/demoPlan';
import { planDocumentSchema } from '../../shared/model/plan';
import { fillLeaving, mountSmallDisk } from '../support/smallDisk';
import { e2eSkipReason, launchApp, sharedBrowser } from './support';

const unavailable = e2eSkipReason();

describe.skipIf(unavailable !== null)('a save on a full disk, in real Chromium against the browser harness', () => {
  const browser = sharedBrowser();
  let disk: Awaited<ReturnType<typeof mountSmallDisk>> | null = null;

  beforeAll(async () => {
    disk = await mountSmallDisk();
  });

  afterAll(async () => {
    if (disk?.dir) await disk.unmount();
  });

  it('says the plan on disk is unchanged, shows it again, keeps the edit and saves it on "Try again" once there is room', async (context) => {
    if (!disk?.dir) {
      console.log(`full-disk e2e test skipped: ${disk?.dir === null ? disk.reason : 'no disk'}`);
      context.skip();
      return;
    }
    const dataFile = join(disk.dir, 'action-plan.json');
    await writeFile(dataFile, encodePlanFile(demoDocument()));
    const app = await launchApp(browser(), { dataFile });
    try {
      const { page } = app;
      const before = await readFile(dataFile);
      await page.getByRole('button', { name: /^Before the board/ }).click();
      const card = page.locator('article[data-action-id="a-16"]').first();
      const achievement = card.getByLabel('Achievement to date');
      await achievement.waitFor();
      const filler = join(disk.dir, 'filler');
      await fillLeaving(filler, 4096);

      const text = 'Audit tool agreed with school leads (saved on a full disk).';
      await achievement.fill(text);
      await card.getByRole('button', { name: 'Save action 16' }).click();
      const banner = page.locator('.notice[role="alert"]').filter({ hasText: 'Your change was not saved' }).first();
      await banner.waitFor();
      expect(await banner.textContent()).toContain(
        `the disk holding ${dataFile} is full. The plan on disk is unchanged.`,
      );
      // The page shows the plan as the file holds it again (the edit is kept to send again), and nothing on
      // disk changed.
      await page.getByText('Saving…').waitFor({ state: 'detached' });
      expect(await page.getByText(/^Saved \d/).count()).toBe(0);
      expect(await readFile(dataFile)).toEqual(before);
      expect(await banner.getByRole('button', { name: 'Save a copy elsewhere…' }).isVisible()).toBe(true);

      // Leaving now would lose the refused edit: the page asks first, and stays when told to.
      const asked = page.waitForEvent('dialog');
      await page.close({ runBeforeUnload: true });
      const leave = await asked;
      expect(leave.type()).toBe('beforeunload');
      await leave.dismiss();
      expect(page.isClosed()).toBe(false);

      await rm(filler);
      await banner.getByRole('button', { name: 'Try again' }).click();
      await banner.waitFor({ state: 'detached' });
      await page.getByText(/^Saved \d/).waitFor();
      expect(await achievement.inputValue()).toBe(text);
      const after = planDocumentSchema.parse(JSON.parse(await readFile(dataFile, 'utf8')));
      expect(after.actions.find((action) => action.id === 'a-16')!.achievement).toBe(text);

      // Once the file holds it, the page goes without asking.
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.type());
        void dialog.accept();
      });
      const closed = page.waitForEvent('close');
      await page.close({ runBeforeUnload: true });
      await closed;
      expect(dialogs).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
