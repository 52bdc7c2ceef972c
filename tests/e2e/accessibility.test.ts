import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eSkipReason, expectNoAxeViolations, launchApp, sharedBrowser } from './support';

const unavailable = e2eSkipReason();

const clock = () => new Date('2026-11-24T10:00:00Z');

const VIEWS = [
  'Action plan',
  'Before the board',
  'My actions',
  'Maturity matrix',
  'Measures',
  'Board paper',
  'Import from Excel',
  'Plan & people',
];

const openView = (page: Page, view: string) =>
  page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: new RegExp(`^${view.replace('&', '\\&')}`) })
    .click();

/** What the element with the focus looks like: enough to tell whether a person can see where the focus is. */
async function focusedOutline(
  page: Page,
): Promise<{ element: string; outline: string; width: number; visible: boolean } | null> {
  return page.evaluate<{ element: string; outline: string; width: number; visible: boolean } | null>(`(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const name = element.getAttribute('aria-label') || (element.textContent || '').trim().slice(0, 40) || element.getAttribute('name') || '';
    return {
      element: element.tagName.toLowerCase() + ' "' + name + '"',
      outline: style.outlineStyle + ' ' + style.outlineColor,
      width: parseFloat(style.outlineWidth),
      visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight,
    };
  })()`);
}

describe.skipIf(unavailable !== null)('accessibility (WCAG 2.2 AA) of every view and dialog, in real Chromium', () => {
  const browser = sharedBrowser();

  /** The app on its main screen, its table shown. */
  async function open() {
    const app = await launchApp(browser(), { clock });
    await app.page.getByRole('table').first().waitFor();
    // Keys pressed while the plan is still inert (who the user is not yet read) or its history is loading
    // would land nowhere: the walk starts from the screen as a user sees it settled.
    await app.page.locator('.app[data-history="loaded"]:not([inert])').waitFor();
    return app;
  }

  it('has no axe-core violations in any view', { timeout: 120_000 }, async () => {
    const app = await open();
    try {
      const { page } = app;
      for (const view of VIEWS) {
        await openView(page, view);
        await page
          .getByRole('navigation', { name: 'Views' })
          .getByRole('button', { name: new RegExp(`^${view.replace('&', '\\&')}`), pressed: true })
          .waitFor();
        await expectNoAxeViolations(page, `the "${view}" view`);
      }
      await openView(page, 'Action plan');
      await page.getByLabel('Overdue only').check();
      await expectNoAxeViolations(page, 'the action plan filtered to overdue actions');
    } finally {
      await app.close();
    }
  });

  it('has no axe-core violations in the action editor or the search palette', { timeout: 90_000 }, async () => {
    const app = await open();
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Edit action 3', exact: true }).click();
      await page.getByRole('dialog', { name: 'Action 3' }).waitFor();
      await expectNoAxeViolations(page, 'the action editor');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'New action' }).click();
      const editor = page.getByRole('dialog');
      await editor.getByRole('button', { name: /^Save/ }).click();
      await editor.getByText('Must not be empty').first().waitFor();
      await expectNoAxeViolations(page, 'the new-action editor showing what is missing');
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+k');
      const finder = page.getByRole('dialog', { name: 'Find an action' });
      await finder.waitFor();
      await page.keyboard.type('board');
      await expect.poll(() => finder.getByRole('option').count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page, 'the search palette (Ctrl+K)');
    } finally {
      await app.close();
    }
  });

  it(
    'has no axe-core violations in My actions for a person, or in the assessment and measure forms',
    { timeout: 120_000 },
    async () => {
      const app = await open();
      try {
        const { page } = app;
        await openView(page, 'My actions');
        await page.getByLabel('Person').selectOption('Gareth Whitlow');
        await page.getByRole('heading', { name: 'Actions led by Gareth Whitlow' }).waitFor();
        await expectNoAxeViolations(page, '"My actions" for Gareth Whitlow');
        await page.getByRole('button', { name: 'Send back action 13' }).click();
        await expectNoAxeViolations(page, '"My actions" sending action 13 back');

        await openView(page, 'Maturity matrix');
        await page.getByRole('button', { name: 'Record assessment for Governance' }).click();
        await page.getByRole('form', { name: 'Record assessment for Governance' }).waitFor();
        await expectNoAxeViolations(page, 'the "Record assessment" form');

        await openView(page, 'Measures');
        await page.getByRole('button', { name: 'Add a measure' }).click();
        await page.getByRole('form', { name: 'Add a measure' }).waitFor();
        await expectNoAxeViolations(page, 'the "Add a measure" form');
        await page.getByRole('button', { name: 'Edit measure % of contacts to social care' }).click();
        await page.getByRole('form', { name: 'Edit measure % of contacts to social care' }).waitFor();
        await expectNoAxeViolations(page, 'the measure editor');
        await page.getByRole('button', { name: 'Add a value to % of contacts to social care' }).click();
        await page.getByRole('form', { name: 'Add a value to % of contacts to social care' }).waitFor();
        await page
          .getByText(/^All values/)
          .first()
          .click();
        await expectNoAxeViolations(page, 'the "Add a value" form and a measure\'s values');
      } finally {
        await app.close();
      }
    },
  );

  it('has no axe-core violations on the screen that refuses a damaged data file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apt-e2e-a11y-'));
    const dataFile = join(dir, 'action-plan.json');
    await writeFile(dataFile, '{"schemaVersion": 1, "plan": {"title": ""}}');
    const app = await launchApp(browser(), { dataFile, clock });
    try {
      await app.page.getByRole('alert').first().waitFor();
      await expectNoAxeViolations(app.page, 'the screen refusing a damaged data file');
    } finally {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it(
    'shows where the focus is at every Tab stop of the main screen, the finder and the editor, and keeps it in a dialog',
    { timeout: 90_000 },
    async () => {
      const app = await open();
      try {
        const { page } = app;
        const expectVisibleFocus = async (where: string) => {
          const focus = await focusedOutline(page);
          expect(focus, `something has the focus ${where}`).not.toBeNull();
          expect(focus!.visible, `${focus!.element} is on screen ${where}`).toBe(true);
          expect(
            focus!.outline.startsWith('none'),
            `${focus!.element} shows an outline ${where} (${focus!.outline})`,
          ).toBe(false);
          expect(focus!.width, `${focus!.element} outline width ${where}`).toBeGreaterThanOrEqual(2);
          return focus!;
        };
        const seen = new Set<string>();
        for (let press = 1; press <= 60; press += 1) {
          await page.keyboard.press('Tab');
          seen.add((await expectVisibleFocus(`after ${press} Tabs`)).element);
        }
        // The walk went through the header, the tabs, the tiles, the filters and into the table.
        expect([...seen]).toEqual(
          expect.arrayContaining(['button "Find action… Ctrl+K"', 'button "Action plan"', 'button "Edit action 1"']),
        );

        await page.keyboard.press('Control+k');
        await page.getByRole('dialog', { name: 'Find an action' }).waitFor();
        await expectVisibleFocus('in the finder');
        await page.keyboard.press('Escape');

        await page.getByRole('button', { name: 'Edit action 3', exact: true }).click();
        const editor = page.getByRole('dialog', { name: 'Action 3' });
        await editor.waitFor();
        const stops = await editor.locator('input, select, textarea, button').count();
        for (let press = 1; press <= stops + 5; press += 1) {
          await page.keyboard.press('Tab');
          await expectVisibleFocus(`in the action editor after ${press} Tabs`);
          // The page behind an open dialog takes no focus: Tab wraps inside the dialog.
          expect(
            await page.evaluate('!!document.activeElement?.closest("[role=dialog]")'),
            `focus is in the editor after ${press} Tabs`,
          ).toBe(true);
        }
        await page.keyboard.press('Escape');

        // A date field's focus moves between its month, day and year inside the field: forwards and back again.
        await openView(page, 'Board paper');
        await page.getByRole('form', { name: 'Board paper' }).getByLabel('Template').focus();
        let onDate = 0;
        for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
          await page.keyboard.press(key);
          if (await page.evaluate('document.activeElement?.getAttribute("type") === "date"')) onDate += 1;
          await expectVisibleFocus(`on the board paper form after ${key}`);
        }
        expect(onDate).toBeGreaterThanOrEqual(6);
      } finally {
        await app.close();
      }
    },
  );
});
