import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { paperTemplateSchema } from '../../../shared/model/boardPaper';
import type { PaperTemplate } from '../../../shared/model/boardPaper';
import { describeProblems, fieldProblems } from '../../../shared/model/validationIssues';
import type { FieldProblem } from '../../../shared/model/validationIssues';

/** Why a template file was refused: names the file and, for bad data, each field. */
export class PaperTemplateError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'PaperTemplateError';
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads and validates every `*.json` in `dir`, in file-name order. The Electron main process passes the
 * folder it ships the templates in; the default suits scripts and tests run from the repository.
 */
export async function loadPaperTemplates(dir: string = resolve('templates/board-papers')): Promise<PaperTemplate[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.toLowerCase().endsWith('.json')).sort();
  } catch (error) {
    throw new PaperTemplateError(dir, `Cannot read the board paper templates folder ${dir}: ${reasonOf(error)}`);
  }
  const templates: PaperTemplate[] = [];
  const idFiles = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new PaperTemplateError(path, `Board paper template ${name} is not valid JSON: ${reasonOf(error)}`);
    }
    const parsed = paperTemplateSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = fieldProblems(parsed.error);
      throw new PaperTemplateError(
        path,
        `Board paper template ${name} is invalid: ${describeProblems(problems)}`,
        problems,
      );
    }
    const earlier = idFiles.get(parsed.data.id);
    if (earlier !== undefined) {
      const problems = [{ field: 'id', reason: `"${parsed.data.id}" is already used by ${earlier}` }];
      throw new PaperTemplateError(
        path,
        `Board paper template ${name} is invalid: ${describeProblems(problems)}`,
        problems,
      );
    }
    idFiles.set(parsed.data.id, name);
    templates.push(parsed.data);
  }
  return templates;
}

type BesideFile = 'logoFile' | 'letterheadFile';
const WHAT: Record<BesideFile, string> = { logoFile: 'logo', letterheadFile: 'letterhead' };

/** A file the template names beside itself; undefined when it names none. */
async function readBesideTemplate(
  dir: string,
  template: PaperTemplate,
  field: BesideFile,
): Promise<Buffer | undefined> {
  const name = template[field];
  if (!name) return undefined;
  if (basename(name) !== name) {
    throw new PaperTemplateError(
      name,
      `Board paper template ${template.id}: ${field} must be a file name beside the template, not a path`,
      [{ field, reason: 'must be a file name beside the template, not a path' }],
    );
  }
  try {
    return await readFile(join(dir, name));
  } catch (error) {
    throw new PaperTemplateError(
      join(dir, name),
      `Cannot read the ${WHAT[field]} for board paper template ${template.id}: ${reasonOf(error)}`,
      [{ field, reason: 'cannot be read' }],
    );
  }
}

/** The template's logo, a file beside the template; undefined when it names none. */
export function readTemplateLogo(dir: string, template: PaperTemplate): Promise<Buffer | undefined> {
  return readBesideTemplate(dir, template, 'logoFile');
}

/** The council's letterhead .docx beside the template, with its file name; undefined when it names none. */
export async function readTemplateLetterhead(
  dir: string,
  template: PaperTemplate,
): Promise<{ bytes: Buffer; name: string } | undefined> {
  const bytes = await readBesideTemplate(dir, template, 'letterheadFile');
  return bytes && template.letterheadFile ? { bytes, name: template.letterheadFile } : undefined;
}
