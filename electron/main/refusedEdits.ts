import type { MessageBoxSyncOptions } from 'electron';

const CLOSE = 1;

/**
 * Asked when the window is closing while the page holds edits the file refused (a full disk, a failing
 * disk, the file changed by another program): those edits are not in the file, and closing drops them.
 */
export const REFUSED_EDITS_DIALOG: MessageBoxSyncOptions = {
  type: 'warning',
  title: 'Changes not saved',
  message: 'Some of your latest changes are not in the plan file.',
  detail:
    'The file refused them; the banner at the top of the window says why. Stay, put the problem right and ' +
    'choose "Try again" to save them. If you close now, those changes are lost. Everything the app said ' +
    'was saved is in the file.',
  buttons: ['Stay', 'Close and lose them'],
  defaultId: 0,
  cancelId: 0,
  noLink: true,
};

/** Whether the person chose to close the window and lose the refused edits; staying is the default. */
export function mayCloseWithRefusedEdits(ask: (options: MessageBoxSyncOptions) => number): boolean {
  return ask(REFUSED_EDITS_DIALOG) === CLOSE;
}
