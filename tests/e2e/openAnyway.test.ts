import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPathFor, readLock } from '../../electron/core/fileLock';
import { PlanStore } from '../../electron/core/planStore';
import { demoDocument } from '../../electron/core/demoPlan';
import { e2eSkipReason, launchApp, planOnDisk, sharedBrowser } from './support';

const unavailable = e2eSkipReason();

describe.skipIf(unavailable !== null)('a plan open on another computer, in real Chromium', () => {
  const browser = sharedBrowser();

  it('names who holds it in local time, and opens it for editing anyway after a confirmation', async () => {
    const dataFile = join(await mkdtemp(join(tmpdir(), 'apt-e2e-')), 'action-plan.json');
    await (await PlanStore.open(dataFile, demoDocument)).close();
    // Jo's PC keeps its heartbeat fresh (the lock was just written), so the lock is not stale.
    await writeFile(
      lockPathFor(dataFile),
      JSON.stringify({
        pid: 4121,
        hostname: "Jo's PC",
        startedAt: '2026-11-30T14:05:00.000Z',
        token: 'jo',
        process: null,
      }),
    );
    const app = await launchApp(browser(), { dataFile, storeOptions: { lock: true } });
    try {
      const { page } = app;
      const banner = page.getByRole('alert').filter({ hasText: 'Read only.' });
      await banner.waitFor();
      const text = await banner.innerText();
      expect(text).toContain("Jo's PC (process 4121), since ");
      expect(text).toMatch(/since \w+day \d{1,2} \w+ 2026, \d{2}:\d{2}/);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);

      // Cancelling leaves the lock with Jo's PC.
      await banner.getByRole('button', { name: 'Open for editing anyway' }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Open for editing anyway?' });
      await expect
        .poll(() => dialog.innerText())
        .toContain('Another window or computer may still be editing this plan');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      expect((await readLock(dataFile))?.token).toBe('jo');

      await banner.getByRole('button', { name: 'Open for editing anyway' }).click();
      await dialog.getByRole('button', { name: 'Open for editing anyway' }).click();
      await expect.poll(() => banner.count()).toBe(0);
      expect(await readLock(dataFile)).toMatchObject({ pid: process.pid });

      const target = (await planOnDisk(dataFile)).actions.find((action) => action.status !== 'off_track')!;
      await page.getByLabel(`Status of action ${target.number}`, { exact: true }).selectOption('off_track');
      await page.getByText(/^Saved /).waitFor();
      expect((await planOnDisk(dataFile)).actions.find((action) => action.id === target.id)?.status).toBe('off_track');
    } finally {
      await app.close();
    }
  });
});
