/**
 * What the application menu can ask the page to do. Like the API methods, a fixed list: the preload
 * forwards only these names.
 */
export const MENU_COMMANDS = [
  'state-changed',
  'view-plan',
  'view-before-board',
  'view-my-actions',
  'view-matrix',
  'view-measures',
  'view-settings',
  'prepare-board-paper',
  'import-excel',
  'undo-change',
  'redo-change',
  'find',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export const MENU_CHANNEL = 'menu:command';
