import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { actionsLedBy } from '../../../../../shared/domain/beforeBoard';
import { generateHistoryPlan, HISTORY_END } from '../../../../support/generatePlan';

const forms = vi.hoisted(() => ({ created: 0 }));

vi.mock('../../../../../renderer/src/ui/draftForm', async (original) => {
  const actual = await original<typeof import('../../../../../renderer/src/ui/draftForm')>();
  return {
    ...actual,
    useDraftForm: (...options: Parameters<typeof actual.useDraftForm>) => {
      forms.created += 1;
      return actual.useDraftForm(...options);
    },
  };
});

const { MyActions } = await import('../../../../../renderer/src/features/my-actions/MyActions');

const TODAY = HISTORY_END.slice(0, 10);

describe('My actions', () => {
  it('draws a page of rows without a form for each: the send-back form is made only when asked for', () => {
    const doc = generateHistoryPlan({
      actions: 600,
      years: 1,
      logEntries: 2000,
      papers: 2,
      assessments: 10,
      measures: 2,
      valuesPerMeasure: 4,
      reviews: 50,
    });
    const myName = doc.actions[0]!.leads[0]!.name;
    expect(actionsLedBy(doc, myName, TODAY).length).toBeGreaterThan(50);
    forms.created = 0;
    const html = renderToString(
      createElement(MyActions, {
        doc,
        today: TODAY,
        myName,
        me: null,
        onChoose: () => undefined,
        onOpen: () => undefined,
        onReview: () => Promise.reject(new Error('not called')),
        onExport: () => Promise.reject(new Error('not called')),
      }),
    );
    expect(html.match(/data-action-id=/g)).toHaveLength(50);
    expect(html.match(/Send back…/g)).toHaveLength(50);
    expect(forms.created).toBe(0);
  });
});
