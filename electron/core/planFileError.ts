import type { FieldProblem } from '../../shared/model/validationIssues';
import type { PlanFileProblem } from '../../shared/model/planFile';

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
