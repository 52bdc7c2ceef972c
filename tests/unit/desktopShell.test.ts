import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../electron/main/menuTemplate';
import { restorableBounds } from '../../electron/main/windowBounds';

function actions() {
  return { send: vi.fn(), newPlan: vi.fn(), openPlan: vi.fn(), openRecent: vi.fn(), saveCopy: vi.fn() };
}

function item(menu: MenuItemConstructorOptions[], ...labels: string[]): MenuItemConstructorOptions {
  let items = menu;
  let found: MenuItemConstructorOptions | undefined;
  for (const label of labels) {
    found = items.find((candidate) => candidate.label === label);
    if (!found) throw new Error(`No menu item ${labels.join(' > ')}`);
    items = (found.submenu as MenuItemConstructorOptions[] | undefined) ?? [];
  }
  return found!;
}

const click = (entry: MenuItemConstructorOptions) => (entry.click as unknown as () => void)();

describe('application menu', () => {
  it('has File, Edit and View with the desktop conventions', () => {
    const menu = buildMenuTemplate(actions(), { isMac: false, isPackaged: true, recentFiles: [] });
    expect(menu.map((entry) => entry.label)).toEqual(['&File', '&Edit', '&View']);
    expect(item(menu, '&File', 'Open plan…').accelerator).toBe('CmdOrCtrl+O');
    expect(item(menu, '&File', 'New plan…').accelerator).toBe('CmdOrCtrl+N');
    expect(item(menu, '&Edit', 'Find action…').accelerator).toBe('CmdOrCtrl+K');
    expect(item(menu, '&File', 'Open recent', 'No recent plans').enabled).toBe(false);
  });

  it('lists recent files and opens the one chosen', () => {
    const calls = actions();
    const menu = buildMenuTemplate(calls, { isMac: false, isPackaged: true, recentFiles: ['/plans/a.json', '/plans/b.json'] });
    click(item(menu, '&File', 'Open recent', '/plans/b.json'));
    expect(calls.openRecent).toHaveBeenCalledWith('/plans/b.json');
  });

  it('sends commands to the page for views, board papers and plan undo', () => {
    const calls = actions();
    const menu = buildMenuTemplate(calls, { isMac: false, isPackaged: true, recentFiles: [] });
    click(item(menu, '&View', 'Before the board'));
    click(item(menu, '&File', 'Prepare board paper…'));
    click(item(menu, '&Edit', 'Undo last change to the plan'));
    click(item(menu, '&File', 'Restore from backup…'));
    expect(calls.send.mock.calls.map(([command]) => command)).toEqual(['view-before-board', 'prepare-board-paper', 'undo-change', 'view-settings']);
  });

  it('offers developer tools only in an unpackaged build', () => {
    const roles = (isPackaged: boolean) =>
      (item(buildMenuTemplate(actions(), { isMac: false, isPackaged, recentFiles: [] }), '&View').submenu as MenuItemConstructorOptions[]).map(
        (entry) => entry.role,
      );
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });
});

describe('remembered window position', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1080 };

  it('restores a window that is on a screen', () => {
    const saved = { x: 100, y: 80, width: 1200, height: 800 };
    expect(restorableBounds(saved, [screen])).toEqual(saved);
  });

  it('drops a window left on a monitor that is no longer there', () => {
    expect(restorableBounds({ x: 2200, y: 100, width: 1200, height: 800 }, [screen])).toBeNull();
  });

  it('counts a window spread over two screens as visible', () => {
    const saved = { x: 1500, y: 100, width: 1000, height: 700 };
    expect(restorableBounds(saved, [screen, { x: 1920, y: 0, width: 1920, height: 1080 }])).toEqual(saved);
  });

  it('has nothing to restore on first start', () => {
    expect(restorableBounds(null, [screen])).toBeNull();
  });
});
