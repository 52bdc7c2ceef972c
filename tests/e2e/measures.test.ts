import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePlanFile } from '../../electron/core/planFileCodec';
import { latestValue, trendOf } from '../../shared/domain/measures';
import { generateHistoryPlan, HISTORY_END } from '../support/generatePlan';
import { e2eSkipReason, launchApp, sharedBrowser, planOnDisk, expectNoAxeViolations } from './support';

const unavailable = e2eSkipReason();

const clock = () => new Date('2026-11-24T10:00:00Z');

describe.skipIf(unavailable !== null)('measures in real Chromium', () => {
  const browser = sharedBrowser();

  it('adds a dated value and shows it as the latest, with its trend and target', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      const before = await planOnDisk(app.dataFile);
      const contacts = before.measures.find((measure) => measure.id === 'm-contacts-social-care')!;
      expect(latestValue(contacts)).toMatchObject({ date: '2026-09-30', value: 18 });

      await page.getByRole('button', { name: 'Measures', exact: true }).click();
      const card = page.locator('article[data-measure-id="m-contacts-social-care"]');
      await card.getByTestId('latest-value').getByText('18%').waitFor();
      await card.getByText('Not met').waitFor();
      // The card words a trend as the board paper does.
      await page.locator('article[data-measure-id="m-caf-non-la"]').getByText('Worsening').waitFor();

      await card.getByRole('button', { name: 'Add a value to % of contacts to social care' }).click();
      const form = card.getByRole('form', { name: 'Add a value to % of contacts to social care' });
      await form.getByLabel('Date').fill('2026-10-31');
      await form.getByRole('button', { name: 'Add value' }).click();
      await form.getByText('Must be a number').waitFor();
      await expectNoAxeViolations(page, 'the "Add a value" form with a field in error');

      await form.getByLabel('Value (%)').fill('14.5');
      await form.getByLabel('Note').fill('October, provisional');
      await form.getByRole('button', { name: 'Add value' }).click();

      const latest = card.getByTestId('latest-value');
      await latest.getByText('14.5%').waitFor();
      await latest.getByText('31 Oct 2026').waitFor();
      await card.getByText('Met', { exact: true }).waitFor();
      await card.getByText('Improving').waitFor();
      await card.getByText('All values (6)').click();
      await card.getByRole('cell', { name: 'October, provisional' }).waitFor();
      expect(await card.locator('svg.sparkline').getAttribute('aria-label')).toContain('31 Oct 2026 14.5%');

      const after = (await planOnDisk(app.dataFile)).measures.find(
        (measure) => measure.id === 'm-contacts-social-care',
      )!;
      expect(after.values.at(-1)).toMatchObject({ date: '2026-10-31', value: 14.5, note: 'October, provisional' });
      expect(after.values).toHaveLength(contacts.values.length + 1);
      expect(trendOf(after)).toBe('improving');
    } finally {
      await app.close();
    }
  });

  it('adds a measure through the form, refusing it until it has a name and an aim', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Measures', exact: true }).click();
      await page.getByRole('button', { name: 'Add a measure' }).click();
      const form = page.getByRole('form', { name: 'Add a measure' });
      await form.getByRole('button', { name: 'Add measure' }).click();
      await form.getByText('Must not be empty').waitFor();
      await form.getByText('Must be maximise or minimise').waitFor();
      await expectNoAxeViolations(page, 'the "Add a measure" form with fields in error');

      await form.getByLabel('Name').fill('Re-referrals to social care within 12 months');
      await form.getByLabel('Aim').selectOption('minimise');
      await form.getByRole('spinbutton', { name: /^Target/ }).fill('20');
      await form.getByRole('checkbox', { name: 'Quality assurance', exact: true }).check();
      await form.getByRole('button', { name: 'Add measure' }).click();

      const card = page.locator('article', {
        has: page.getByRole('heading', { name: 'Re-referrals to social care within 12 months' }),
      });
      await card.getByText('Lower is better · Percentage').waitFor();
      await card.getByText('No values yet').first().waitFor();

      const saved = (await planOnDisk(app.dataFile)).measures.at(-1)!;
      expect(saved).toMatchObject({
        name: 'Re-referrals to social care within 12 months',
        direction: 'minimise',
        unit: 'percent',
        target: 20,
        baseline: null,
        values: [],
        areaIds: ['quality-assurance'],
        actionIds: [],
      });
    } finally {
      await app.close();
    }
  });

  it(
    'opens ten years of monthly figures on 40 measures without drawing every figure: 20 cards at a time, tables when opened, charts when scrolled to',
    { timeout: 120_000 },
    async () => {
      const doc = generateHistoryPlan({
        actions: 60,
        years: 10,
        logEntries: 500,
        papers: 2,
        assessments: 10,
        measures: 40,
        valuesPerMeasure: 120,
        reviews: 10,
      });
      const dir = await mkdtemp(join(tmpdir(), 'apt-e2e-measures-'));
      const dataFile = join(dir, 'action-plan.json');
      await writeFile(dataFile, encodePlanFile(doc));
      const app = await launchApp(browser(), { dataFile, clock: () => new Date(HISTORY_END) });
      try {
        const { page } = app;
        await page.getByRole('button', { name: 'Measures', exact: true }).click();
        const cards = page.locator('article.measure-card');
        await expect.poll(() => cards.count()).toBe(20);
        expect(await page.locator('.measure-values tbody tr').count()).toBe(0);
        // Charts are drawn once their card is scrolled to, which the page learns a frame after drawing it.
        const charts = page.locator('svg.sparkline');
        await expect.poll(() => charts.count()).toBeGreaterThan(0);
        expect(await charts.count()).toBeLessThan(20);
        await page.getByRole('button', { name: 'Show 20 more measures (20 not shown yet)' }).click();
        await expect.poll(() => cards.count()).toBe(40);

        const last = page.locator(`article[data-measure-id="${doc.measures.at(-1)!.id}"]`);
        await last.getByText('All values (120)').click();
        await expect.poll(() => last.locator('.measure-values tbody tr').count()).toBe(120);
        expect(await page.locator('.measure-values tbody tr').count()).toBe(120);
        await last.locator('svg.sparkline').waitFor();
      } finally {
        await app.close();
      }
    },
  );
});
