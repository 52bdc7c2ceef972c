import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/menuCommands';
import { MATRIX_PRESETS, MATRIX_PRESET_IDS } from '../../shared/domain/matrixPresets';
import type { MatrixPresetId } from '../../shared/domain/matrixPresets';

export interface MenuActions {
  /** Tells the page to act: switch view, open a screen, undo. */
  send: (command: MenuCommand) => void;
  /** Starts a plan with the chosen matrix; without one, the default seven areas. */
  newPlan: (preset?: MatrixPresetId) => void;
  openPlan: () => void;
  openRecent: (path: string) => void;
  saveCopy: () => void;
}

export interface MenuOptions {
  isMac: boolean;
  isPackaged: boolean;
  recentFiles: readonly string[];
}

/** The application menu, as plain data so a test can read it without Electron. */
export function buildMenuTemplate(
  actions: MenuActions,
  { isMac, isPackaged, recentFiles }: MenuOptions,
): MenuItemConstructorOptions[] {
  const recent: MenuItemConstructorOptions[] =
    recentFiles.length > 0
      ? recentFiles.map((path) => ({ label: path, click: () => actions.openRecent(path) }))
      : [{ label: 'No recent plans', enabled: false }];
  const view = (label: string, command: MenuCommand, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => actions.send(command),
  });

  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New plan…', accelerator: 'CmdOrCtrl+N', click: () => actions.newPlan() },
        {
          label: 'New plan with matrix',
          submenu: MATRIX_PRESET_IDS.map((id) => ({
            label: `${MATRIX_PRESETS[id].name}…`,
            click: () => actions.newPlan(id),
          })),
        },
        { label: 'Open plan…', accelerator: 'CmdOrCtrl+O', click: actions.openPlan },
        { label: 'Open recent', submenu: recent },
        { label: 'Save a copy…', accelerator: 'CmdOrCtrl+Shift+S', click: actions.saveCopy },
        { type: 'separator' },
        { label: 'Prepare board paper…', accelerator: 'CmdOrCtrl+P', click: () => actions.send('prepare-board-paper') },
        { label: 'Import updates from Excel…', accelerator: 'CmdOrCtrl+I', click: () => actions.send('import-excel') },
        { type: 'separator' },
        // The backups are listed, with what each holds, on the plan's settings page.
        { label: 'Restore from backup…', click: () => actions.send('view-settings') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // Text fields keep the system's own undo; plan edits have their own items.
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Undo last change to the plan', click: () => actions.send('undo-change') },
        { label: 'Redo change to the plan', click: () => actions.send('redo-change') },
        { type: 'separator' },
        { label: 'Find action…', accelerator: 'CmdOrCtrl+K', click: () => actions.send('find') },
      ],
    },
    {
      label: '&View',
      submenu: [
        view('Action plan', 'view-plan', 'CmdOrCtrl+1'),
        view('Before the board', 'view-before-board', 'CmdOrCtrl+2'),
        view('My actions', 'view-my-actions', 'CmdOrCtrl+3'),
        view('Maturity matrix', 'view-matrix', 'CmdOrCtrl+4'),
        view('Measures', 'view-measures', 'CmdOrCtrl+5'),
        view('Plan & people', 'view-settings', 'CmdOrCtrl+6'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
  ];
}
