import { demoDocument } from '../../electron/core/demoPlan';
import { renderBoardPaperDocx } from '../../electron/core/export/docx/boardPaper';
import { buildPaperContent } from '../../shared/domain/boardPaperContent';
import type { PaperInput } from '../../shared/domain/boardPaperContent';
import { generatePlan } from '../../tests/support/generatePlan';
import { medianMs } from './measure';
import type { BenchRow } from './measure';

const TARGET_MS = 2000;
const TODAY = '2026-11-24';

function benchInput(): PaperInput {
  const meetingDate = demoDocument().plan.nextBoardDate ?? '2027-01-21';
  return {
    meetingDate,
    board: "Education and Children's Services Scrutiny Board",
    subject: 'Early Help and Partnership Working',
    purpose: [
      "To bring the Education and Children's Services Scrutiny Board up to date with progress on Early Help and Prevention.",
    ],
    recommendationsIntro: "The Education and Children's Services Scrutiny Board are recommended to:",
    recommendations: [
      'Consider the content of the briefing note and the appendix.',
      'Receive further progress reports as requested.',
      'Identify any further recommendations for the appropriate Cabinet Member.',
    ],
    authors: [
      {
        name: 'Bench Author',
        jobTitle: 'Head of Service',
        organisation: 'Northbridge City Council',
        contact: 'bench@example.org',
      },
    ],
    sections: {
      matrix: true,
      counts: true,
      completedSinceLast: true,
      overdueAndDueSoon: true,
      measures: false,
      appendix: true,
    },
    listLimit: 15,
    subjectLabel: 'Subject',
    narrative: [],
    extraAppendices: [],
  };
}

/** Word board paper for a 300-action plan: content model, then the .docx, median of 5 runs (target < 2 s). */
export async function benchWordPaper(size = 300): Promise<BenchRow[]> {
  const doc = generatePlan(size);
  const input = benchInput();
  let bytes = 0;
  const contentMs = await medianMs(5, () => buildPaperContent(doc, input, TODAY));
  const totalMs = await medianMs(5, async () => {
    bytes = (await renderBoardPaperDocx(buildPaperContent(doc, input, TODAY))).length;
  });
  const verdict = totalMs < TARGET_MS ? 'within' : 'OVER';
  return [
    {
      name: `board paper content, ${size} actions`,
      ms: contentMs,
      detail: 'buildPaperContent (shared, also the preview)',
    },
    {
      name: `Word board paper, ${size} actions`,
      ms: totalMs,
      detail: `buildPaperContent + renderBoardPaperDocx, ${(bytes / 1024).toFixed(0)} KB; ${verdict} the ${TARGET_MS / 1000} s target`,
    },
  ];
}
