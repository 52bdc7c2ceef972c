import type { FieldProblem } from '../../shared/model/validationIssues';

export type PlanFileProblem = 'unreadable' | 'wrong_encoding' | 'invalid_json' | 'invalid_data' | 'newer_version';

/** Why a data file was refused; carries the path and fields so the UI can say exactly what is wrong. */
export class PlanFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: PlanFileProblem,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'PlanFileError';
  }
}
