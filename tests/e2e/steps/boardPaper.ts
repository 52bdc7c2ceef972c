import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Opens the Board paper view and waits until its form has the paper's details filled in. */
export async function openBoardPaper(page: Page): Promise<Locator> {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Board paper', exact: true })
    .click();
  const form = page.getByRole('form', { name: 'Board paper' });
  await expect.poll(() => form.getByLabel('Subject', { exact: true }).inputValue()).not.toBe('');
  return form;
}

/** Exports the paper from the open Board paper form; returns the files the app says it saved as the draft. */
export async function exportPaper(page: Page): Promise<string[]> {
  const form = page.getByRole('form', { name: 'Board paper' });
  await form.getByRole('button', { name: 'Export…' }).click();
  const saved = form.getByRole('status').filter({ hasText: 'Saved as the draft' });
  await saved.waitFor();
  return saved.locator('li code').allTextContents();
}

/** Issues the draft the Board paper view shows (`draftText` names its board and meeting) to the board. */
export async function issueDraft(page: Page, draftText: string): Promise<void> {
  const draft = page.getByRole('region', { name: 'Draft paper' });
  await draft.getByText(draftText).waitFor();
  page.once('dialog', (dialog) => void dialog.accept());
  await draft.getByRole('button', { name: 'Issue to the board' }).click();
  await expect.poll(() => draft.count()).toBe(0);
}
