import type { BoardPaperRecord, PaperTemplate } from '../../../shared/model/boardPaper';
import type { PlanDocument } from '../../../shared/model/plan';
import type { IsoDate } from '../../../shared/model/primitives';
import { buildPaperContent, snapshotOf } from '../../../shared/domain/boardPaperContent';
import type { PaperInput } from '../../../shared/domain/boardPaperContent';
import { writeBesideEarlier } from './exportFiles';
import { renderBoardPaperDocx } from './docx/boardPaper';
import { readTemplateLetterhead, readTemplateLogo } from './boardPaperTemplates';
import { writePlanWorkbook } from './planWorkbook';

export interface PaperExportRequest {
  template: PaperTemplate;
  templatesDir: string;
  paper: PaperInput;
  word: boolean;
  excel: boolean;
  folder: string;
  today: IsoDate;
  now: string;
  newId: () => string;
}

/**
 * Writes the chosen files for one board meeting and returns the record the plan keeps of it: what was
 * reported, so the next paper can say what moved since.
 */
export async function exportBoardPaper(
  doc: PlanDocument,
  request: PaperExportRequest,
): Promise<{ files: string[]; record: BoardPaperRecord }> {
  const stem = `${request.paper.meetingDate} ${request.paper.board}`;
  const files: string[] = [];
  if (request.word) {
    const content = buildPaperContent(doc, request.paper, request.today);
    const logo = await readTemplateLogo(request.templatesDir, request.template);
    const letterhead = await readTemplateLetterhead(request.templatesDir, request.template);
    files.push(
      await writeBesideEarlier(
        request.folder,
        `${stem} - briefing note`,
        'docx',
        await renderBoardPaperDocx(content, { logo, letterhead }),
      ),
    );
  }
  if (request.excel) {
    files.push(
      await writeBesideEarlier(
        request.folder,
        `${stem} - action plan`,
        'xlsx',
        await writePlanWorkbook(doc, request.today),
      ),
    );
  }
  const record: BoardPaperRecord = {
    id: request.newId(),
    producedAt: request.now,
    templateId: request.template.id,
    ...request.paper,
    files,
    snapshot: snapshotOf(doc),
  };
  return { files, record };
}
