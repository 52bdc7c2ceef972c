import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BoardPaperRecord, PaperTemplate } from '../../../shared/model/boardPaper';
import type { PlanDocument } from '../../../shared/model/plan';
import type { IsoDate } from '../../../shared/model/primitives';
import { buildPaperContent, snapshotOf } from '../../../shared/domain/boardPaperContent';
import type { PaperInput } from '../../../shared/domain/boardPaperContent';
import { writeFileDurably } from '../atomicWrite';
import { renderBoardPaperDocx } from './boardPaperDocx';
import { readTemplateLogo } from './boardPaperTemplates';
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

/** Characters Windows, macOS or Linux refuse in a file name. */
function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-').replace(/\s+/g, ' ').trim().slice(0, 150);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** A name beside any earlier export, never over it: a paper someone edited by hand is never replaced. */
async function freePath(folder: string, stem: string, extension: string): Promise<string> {
  for (let copy = 1; ; copy += 1) {
    const path = join(folder, `${stem}${copy === 1 ? '' : ` (${copy})`}.${extension}`);
    if (!(await exists(path))) return path;
  }
}

/**
 * Writes the chosen files for one board meeting and returns the record the plan keeps of it: what was
 * reported, so the next paper can say what moved since.
 */
export async function exportBoardPaper(doc: PlanDocument, request: PaperExportRequest): Promise<{ files: string[]; record: BoardPaperRecord }> {
  const stem = safeFileName(`${request.paper.meetingDate} ${request.paper.board}`);
  await mkdir(request.folder, { recursive: true });
  const outputs: { path: string; bytes: Buffer }[] = [];
  if (request.word) {
    const content = buildPaperContent(doc, request.paper, request.today);
    const logo = await readTemplateLogo(request.templatesDir, request.template);
    outputs.push({ path: await freePath(request.folder, `${stem} - briefing note`, 'docx'), bytes: await renderBoardPaperDocx(content, { logo }) });
  }
  if (request.excel) {
    outputs.push({ path: await freePath(request.folder, `${stem} - action plan`, 'xlsx'), bytes: await writePlanWorkbook(doc, request.today) });
  }
  for (const output of outputs) await writeFileDurably(output.path, output.bytes);
  const files = outputs.map((output) => output.path);
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
