import { useLayoutEffect, useState } from 'react';

/**
 * Takes the first screen the shell drew into the page (renderFirstScreen) away once the page has drawn its
 * own. styles.css hides it as soon as the page's element holds anything, so the page's first layout does not
 * lay it out as well; here it is removed. Answers whether the page started with one: until the page can draw
 * the plan, the first screen stands in for a loading line.
 */
export function useFirstScreenTakeover(drawn: boolean): boolean {
  // Drawing the first screen itself runs outside a page, with no document.
  const [shown] = useState(() => typeof document !== 'undefined' && document.getElementById('first-screen') !== null);
  useLayoutEffect(() => {
    if (drawn) document.getElementById('first-screen')?.remove();
  }, [drawn]);
  return shown;
}
