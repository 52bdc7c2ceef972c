import { createHash } from 'node:crypto';
import type { BoardPaperRecord, PaperFileChecksum, PaperTemplate } from '../../../shared/model/boardPaper';
import type { PlanDocument } from '../../../shared/model/plan';
import type { IsoDate } from '../../../shared/model/primitives';
import { buildPaperContent, snapshotOf } from '../../../shared/domain/boardPaperContent';
import type { PaperInput } from '../../../shared/domain/boardPaperContent';
import { writeBesideEarlier } from './exportFiles';
import { renderBoardPaperDocxInWorker } from './docx/renderInWorker';
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
 * Writes the chosen files for one board meeting and returns the draft record the plan keeps of it: what was
 * reported, so the next paper can say what moved since, and each file's checksum, so the copy the board
 * is sent can later be told from one edited afterwards.
 */
export async function exportBoardPaper(
  doc: PlanDocument,
  request: PaperExportRequest,
): Promise<{ files: string[]; record: BoardPaperRecord }> {
  const stem = `${request.paper.meetingDate} ${request.paper.board}`;
  const files: string[] = [];
  const checksums: PaperFileChecksum[] = [];
  const write = async (name: string, extension: string, bytes: Buffer) => {
    const path = await writeBesideEarlier(request.folder, name, extension, bytes);
    files.push(path);
    checksums.push({ path, sha256: createHash('sha256').update(bytes).digest('hex') });
  };
  const paper = request.word
    ? {
        content: buildPaperContent(doc, request.paper, request.today),
        logo: await readTemplateLogo(request.templatesDir, request.template),
        letterhead: await readTemplateLetterhead(request.templatesDir, request.template),
      }
    : null;
  // The paper is laid out on a worker thread, started before the workbook is written here: at thousands of
  // actions each takes seconds, and on two cores together they take little more than the longer of the two.
  const [docx, xlsx] = await Promise.all([
    paper && renderBoardPaperDocxInWorker(paper.content, { logo: paper.logo, letterhead: paper.letterhead }),
    request.excel ? writePlanWorkbook(doc, request.today) : null,
  ]);
  if (docx) await write(`${stem} - briefing note`, 'docx', docx);
  if (xlsx) await write(`${stem} - action plan`, 'xlsx', xlsx);
  const record: BoardPaperRecord = {
    id: request.newId(),
    producedAt: request.now,
    templateId: request.template.id,
    ...request.paper,
    files,
    snapshot: snapshotOf(doc),
    state: 'draft',
    checksums,
    issuedAt: null,
    issuedBy: null,
    withdrawal: null,
  };
  return { files, record };
}
