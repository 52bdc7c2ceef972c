import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BeforeBoard } from '../../../../../renderer/src/features/before-board/BeforeBoard';
import { actionsBeforeBoard } from '../../../../../shared/domain/beforeBoard';
import { generateHistoryPlan, HISTORY_END, TEN_YEARS_AT_150 } from '../../../../support/generatePlan';

const TODAY = HISTORY_END.slice(0, 10);
const notCalled = () => Promise.reject(new Error('not called'));

describe('"Before the board" on opening', () => {
  it('draws the forms of the first screen first: the rest of the page follows once that screen is up', () => {
    const doc = generateHistoryPlan(TEN_YEARS_AT_150);
    const [first] = actionsBeforeBoard(doc, TODAY);
    expect(first!.items.length).toBeGreaterThan(4);
    const html = renderToString(
      createElement(BeforeBoard, {
        doc,
        today: TODAY,
        onOpen: () => undefined,
        onUpdate: notCalled,
        onStepsDone: notCalled,
        onNotice: () => undefined,
      }),
    );
    const drawn = [...html.matchAll(/<article class="bb-item"[^>]*data-action-id="([^"]+)"/g)].map((match) => match[1]);
    expect(drawn).toEqual(first!.items.slice(0, 4).map((item) => item.action.id));
    // The page's own parts are there from the start: the leads to choose from and the lead's heading.
    expect(html).toContain('aria-label="Leads"');
    expect(html.replaceAll('<!-- -->', '')).toContain(
      `${first!.lead} <span class="area-count">(${first!.items.length})</span>`,
    );
  });
});
