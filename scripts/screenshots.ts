import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { e2eUnavailableReason, launchApp, launchBrowser } from '../tests/e2e/support';

/** `npm run screenshots`: each view of the app, as a person sees it, into out/screenshots. */
async function main(): Promise<void> {
  const unavailable = e2eUnavailableReason();
  if (unavailable) throw new Error(unavailable);
  const outDir = resolve('out/screenshots');
  await mkdir(outDir, { recursive: true });
  const browser = await launchBrowser();
  const clock = () => new Date('2026-11-24T10:00:00Z');
  try {
    const app = await launchApp(browser, { clock });
    const { page } = app;
    await page.getByRole('table').first().waitFor();
    await page.screenshot({ path: join(outDir, 'action-plan.png') });
    await page.screenshot({ path: join(outDir, 'action-plan-full.png'), fullPage: true });
    await page.getByRole('button', { name: 'Edit action 3' }).click();
    await page.getByRole('dialog').waitFor();
    await page.screenshot({ path: join(outDir, 'action-editor.png') });
    await page.keyboard.press('Escape');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Maturity matrix' }).click();
    await page.getByRole('button', { name: 'Record assessment for Governance' }).click();
    await page.screenshot({ path: join(outDir, 'matrix.png') });
    for (const [tab, file] of [
      ['Before the board', 'before-the-board'],
      ['My actions', 'my-actions'],
      ['Measures', 'measures'],
      ['Board paper', 'board-paper'],
      ['Papers history', 'papers-history'],
      ['Import from Excel', 'import-from-excel'],
      ['Plan & people', 'plan-and-people'],
    ] as const) {
      await page
        .getByRole('navigation', { name: 'Views' })
        .getByRole('button', { name: new RegExp(`^${tab}`) })
        .click();
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(outDir, `${file}.png`) });
    }
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Action plan' }).click();
    await page.getByLabel('Overdue only').check();
    await page.screenshot({ path: join(outDir, 'overdue-filter.png') });
    await app.close();

    const corrupt = join(await mkdtemp(join(tmpdir(), 'apt-shot-')), 'action-plan.json');
    await writeFile(corrupt, '{"schemaVersion": 1, "plan": {"title": ""}}');
    const broken = await launchApp(browser, { dataFile: corrupt, clock });
    await broken.page.getByRole('alert').first().waitFor();
    await broken.page.screenshot({ path: join(outDir, 'refused-file.png') });
    await broken.close();
  } finally {
    await browser.close();
  }
  console.log(`Screenshots written to ${outDir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
