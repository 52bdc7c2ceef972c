import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createHandlers } from '../../electron/core/handlers';
import type { Handlers } from '../../electron/core/handlers';
import { PlanStore } from '../../electron/core/planStore';
import { PreferencesStore } from '../../electron/core/preferencesStore';
import { counterIds, makeDocument } from './fixtures';

/**
 * Handlers over `dir`/plan.json holding `content` (a plan file, or anything else a file may hold), at a fixed
 * time. The caller waits with `written()` before removing `dir`.
 */
export async function handlersOverFile(dir: string, content: string): Promise<Handlers> {
  const file = join(dir, 'plan.json');
  await writeFile(file, content);
  return createHandlers({
    store: await PlanStore.open(file, makeDocument),
    demoDocument: makeDocument,
    user: 'Test User',
    clock: () => new Date('2026-03-31T12:00:00.000Z'),
    newId: counterIds(),
    preferences: new PreferencesStore(join(dir, 'preferences.json')),
    templatesDir: resolve('templates/board-papers'),
  });
}
