import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MatrixSummary } from '../../../../../renderer/src/features/matrix/MatrixSummary';
import { generateHistoryPlan, HISTORY_END, TEN_YEARS_AT_150 } from '../../../../support/generatePlan';

const TODAY = HISTORY_END.slice(0, 10);
const notCalled = () => Promise.reject(new Error('not called'));

describe('the maturity matrix with years of assessments', () => {
  it("draws each area's chart with a fixed number of elements: no element or tooltip per assessment", () => {
    const doc = generateHistoryPlan(TEN_YEARS_AT_150);
    expect(doc.assessments.length).toBe(700);
    const html = renderToString(
      createElement(MatrixSummary, {
        doc,
        today: TODAY,
        user: 'Board Secretary',
        onRecord: notCalled,
        onCorrect: notCalled,
        onWithdraw: notCalled,
        onDescriptor: notCalled,
      }),
    );
    const charts = html.match(/<svg class="level-chart"/g) ?? [];
    expect(charts).toHaveLength(doc.matrix.areas.length);
    const chartMarkup = html
      .split('<svg class="level-chart"')
      .slice(1)
      .map((part) => part.split('</svg>')[0]!);
    for (const chart of chartMarkup) {
      expect(chart.match(/<(circle|title|path)\b/g)).toEqual(['<path', '<path']);
    }
    // Every assessment is still in the chart's accessible name, with its date and level.
    expect(html.match(/: level \d/g)!.length).toBeGreaterThanOrEqual(
      doc.assessments.filter((assessment) => !assessment.withdrawn && !assessment.supersededBy).length,
    );
  });
});
