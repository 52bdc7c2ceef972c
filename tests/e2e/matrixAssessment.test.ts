import { describe, expect, it } from 'vitest';
import { currentLevels } from '../../shared/domain/derived';
import { e2eSkipReason, launchApp, sharedBrowser, planOnDisk, expectNoAxeViolations } from './support';

const unavailable = e2eSkipReason();

const clock = () => new Date('2026-11-24T10:00:00Z');

describe.skipIf(unavailable !== null)('maturity matrix in real Chromium', () => {
  const browser = sharedBrowser();

  it("records an assessment and the area's level and history move", async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      const before = await planOnDisk(app.dataFile);
      expect(currentLevels(before)['workforce-development']?.level).toBe(2);

      await page.getByRole('button', { name: 'Maturity matrix' }).click();
      const row = page.locator('tr[data-area-id="workforce-development"]');
      await row.getByRole('img', { name: 'Current level: 2 Early progress' }).waitFor();
      expect(await row.locator('svg.level-chart').getAttribute('aria-label')).toBe(
        'Level history for Workforce development: 12 Mar 2026: level 2, 17 Sep 2026: level 2',
      );
      const radar = page.getByRole('figure', { name: 'The areas at a glance' }).locator('svg');
      expect(await radar.getAttribute('aria-label')).toContain(
        'Radar chart of the seven areas: Service delivery level 2 (was 1), ',
      );
      expect(await radar.getAttribute('aria-label')).toContain('Workforce development level 2 (was 2)');
      // This paper solid, the last paper dashed: the two shapes drawn over the four level rings.
      expect(await radar.locator('polygon[stroke-dasharray="6 4"]').count()).toBe(1);
      await radar.getByText('Last paper, Health and Wellbeing Board, 17th September 2026', { exact: true }).waitFor();

      await page.getByRole('button', { name: 'Record assessment for Workforce development' }).click();
      const form = page.getByRole('form', { name: 'Record assessment for Workforce development' });
      await form.getByText('Workforce development is at level 2 – Early progress since 17 Sep 2026.').waitFor();
      await form.getByLabel('Level').selectOption('3');
      await form.getByLabel('Assessed by').fill('');
      await form.getByRole('button', { name: 'Record assessment' }).click();
      await form.getByText('Must not be empty').waitFor();
      expect(await form.getByLabel('Assessed by').getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolations(page, 'the "Record assessment" form with a field in error');

      await form.getByLabel('Assessed by').fill('Early Help Strategic Partnership Board');
      await form.getByLabel('Evidence').fill('Training plan approved and the appraisal framework launched.');
      await form.getByRole('button', { name: 'Record assessment' }).click();

      await row.getByRole('img', { name: 'Current level: 3 Substantial progress' }).waitFor();
      expect(await row.getByRole('img', { name: /^Current level: 2/ }).count()).toBe(0);
      await row.getByText('Training plan approved and the appraisal framework launched.').waitFor();
      expect(await row.locator('svg.level-chart').getAttribute('aria-label')).toBe(
        'Level history for Workforce development: 12 Mar 2026: level 2, 17 Sep 2026: level 2, 24 Nov 2026: level 3',
      );
      // One tooltip serves every dot: the keyboard reaches each assessment, with who assessed it.
      const chart = row.getByRole('img', { name: /^Level history for Workforce development/ });
      await chart.focus();
      const tip = row.locator('.chart-tip');
      expect(await tip.textContent()).toBe('24 Nov 2026: level 3 (Early Help Strategic Partnership Board)');
      expect(await chart.getAttribute('aria-describedby')).toBe(await tip.getAttribute('id'));
      await page.keyboard.press('ArrowLeft');
      expect(await tip.textContent()).toMatch(/^17 Sep 2026: level 2 \(.+\)$/);
      await page.keyboard.press('Home');
      expect(await tip.textContent()).toMatch(/^12 Mar 2026: level 2 \(.+\)$/);
      await expectNoAxeViolations(page, 'the matrix with a level chart focused and its tooltip shown');
      await page.keyboard.press('Escape');
      expect(await tip.textContent()).toBe('');
      expect(await radar.getAttribute('aria-label')).toContain('Workforce development level 3 (was 2)');

      const after = await planOnDisk(app.dataFile);
      expect(currentLevels(after)['workforce-development']).toMatchObject({
        level: 3,
        date: '2026-11-24',
        assessedBy: 'Early Help Strategic Partnership Board',
        evidence: 'Training plan approved and the appraisal framework launched.',
      });
      expect(after.assessments).toHaveLength(before.assessments.length + 1);
    } finally {
      await app.close();
    }
  });
});
