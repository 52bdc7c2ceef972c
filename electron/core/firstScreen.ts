import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { WorkingState } from '../../shared/api/contract';
import type { Handlers } from './handlers';

/**
 * Draws the plan's screen as HTML from the first read (renderer/src/firstScreen): null when the page must
 * draw it itself.
 */
export type DrawFirstScreen = (working: WorkingState) => string | null;

/** The module the build makes of renderer/src/firstScreen (electron.vite.config.ts, an entry of main's). */
const firstScreenModule = z.object({
  renderFirstScreen: z.custom<DrawFirstScreen>((value) => typeof value === 'function'),
});

/**
 * The renderer's first screen, loaded by path like the workers: electron/ may not import the UI (the layers'
 * lint rule), and run from source (tests, the harness under tsx) it is the build's. Null when it is not built
 * or could not be loaded: pages then draw the plan themselves. Never rejects, so it can load unawaited.
 */
export async function loadFirstScreen(file: string): Promise<DrawFirstScreen | null> {
  if (!existsSync(file)) return null;
  try {
    return firstScreenModule.parse(await import(pathToFileURL(file).href)).renderFirstScreen;
  } catch (error) {
    console.error('The first screen could not be loaded; pages draw the plan themselves.', error);
    return null;
  }
}

/** Where the page's code draws: the first screen goes just before it, for the page to take away. */
const ROOT = '<div id="root"></div>';

/**
 * The page with the plan's first screen drawn into it, as the plan is now; unchanged when there is nothing to
 * draw. Inert: the rows are a picture until the page's code has drawn its own. A head start, never a reason
 * the page does not load: when drawing fails, the page is sent as built and draws the plan itself.
 */
export async function pageWithFirstScreen(
  page: string,
  handlers: Handlers,
  draw: Promise<DrawFirstScreen | null>,
): Promise<string> {
  const drawing = await draw;
  if (!drawing) return page;
  try {
    const first = await handlers.getWorkingState({});
    const screen = first.ok ? drawing(first.value) : null;
    if (screen === null || !page.includes(ROOT)) return page;
    return page.replace(ROOT, () => `<div id="first-screen" inert>${screen}</div>${ROOT}`);
  } catch (error) {
    console.error('The first screen could not be drawn; the page draws the plan itself.', error);
    return page;
  }
}
