import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../../../../electron/core/handlers';
import { loadFirstScreen, pageWithFirstScreen } from '../../../../electron/core/firstScreen';
import { encodePlanFile } from '../../../../electron/core/planFileCodec';
import { renderFirstScreen } from '../../../../renderer/src/firstScreen/renderFirstScreen';
import { makeDocument, makeTempDir, removeDir } from '../../../support/fixtures';
import { handlersOverFile } from '../../../support/handlersOverFile';
import { written } from '../../../support/written';

/** The built page's body, as the shells read it from index.html. */
const PAGE = '<!doctype html><html><head></head><body><div id="root"></div><script src="x.js"></script></body></html>';

let dir: string;
let opened: Handlers[];
beforeEach(async () => {
  dir = await makeTempDir('apt-first-screen-');
  opened = [];
});
afterEach(async () => {
  await Promise.all(opened.map(written));
  await removeDir(dir);
});

async function handlersOver(content: string): Promise<Handlers> {
  const handlers = await handlersOverFile(dir, content);
  opened.push(handlers);
  return handlers;
}

describe('pageWithFirstScreen', () => {
  it('draws the plan into the page, inert, just before the element the page draws into', async () => {
    const doc = makeDocument();
    // Replacement patterns in the plan's own words are text, not instructions to String.replace.
    doc.plan.title = "Early help $& prevention $' plan";
    const page = await pageWithFirstScreen(
      PAGE,
      await handlersOver(encodePlanFile(doc)),
      Promise.resolve(renderFirstScreen),
    );
    const first = /<div id="first-screen" inert>([\s\S]*)<\/div><div id="root"><\/div><script src="x.js">/.exec(page);
    expect(first).not.toBeNull();
    expect(first![1]).toContain('Early help $&amp; prevention $&#x27; plan');
    expect(first![1]).toContain(`data-action-id="${doc.actions[0]!.id}"`);
  });

  it('leaves the page as built when the plan file could not be read, for the page to say why', async () => {
    expect(await pageWithFirstScreen(PAGE, await handlersOver('{ not json'), Promise.resolve(renderFirstScreen))).toBe(
      PAGE,
    );
  });

  it('sends the page as built when the first screen could not be drawn', async () => {
    const handlers = await handlersOver(encodePlanFile(makeDocument()));
    const failing = () => {
      throw new Error('a component failed');
    };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await pageWithFirstScreen(PAGE, handlers, Promise.resolve(failing))).toBe(PAGE);
      expect(await pageWithFirstScreen(PAGE, handlers, Promise.resolve(null))).toBe(PAGE);
      expect(errors).toHaveBeenCalledTimes(1);
    } finally {
      errors.mockRestore();
    }
  });
});

describe('loadFirstScreen', () => {
  it('is null when the first screen is not built, or is not a module that draws one', async () => {
    expect(await loadFirstScreen(join(dir, 'firstScreen.js'))).toBeNull();
    const wrong = join(dir, 'wrong.mjs');
    await writeFile(wrong, 'export const renderFirstScreen = "not a function";');
    const broken = join(dir, 'broken.mjs');
    await writeFile(broken, 'export const = ;');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await loadFirstScreen(wrong)).toBeNull();
      expect(await loadFirstScreen(broken)).toBeNull();
      expect(errors).toHaveBeenCalledTimes(2);
    } finally {
      errors.mockRestore();
    }
    const right = join(dir, 'right.mjs');
    await writeFile(right, 'export const renderFirstScreen = (working) => `<p>${working.document.plan.title}</p>`;');
    const draw = await loadFirstScreen(right);
    expect(draw).toBeTypeOf('function');
  });
});
