import type { Adapter } from 'lowdb';
import type { PlanDocument } from '../../../shared/model/plan';
import { createPlanValidator } from '../../../shared/model/planValidator';
import { describeProblems, fieldProblems } from '../../../shared/model/validationIssues';
import { decodePlanFile, encodePlanFile } from '../planFileCodec';
import type { GuardedFile } from './changeDetection';

/**
 * The lowdb adapter of the data file: the file format. Reads decode and validate (a refused file throws a
 * PlanFileError naming why); writes validate, encode and go through the guarded, durable file. `null` is
 * what reading a file that does not exist yet gives, and is never written.
 */
export class PlanFileAdapter implements Adapter<PlanDocument | null> {
  private readonly validate = createPlanValidator();

  constructor(readonly file: GuardedFile) {}

  async read(): Promise<PlanDocument | null> {
    const bytes = await this.file.read();
    if (bytes === null) return null;
    const doc = decodePlanFile(this.file.path, bytes.toString('utf8'));
    // Decoding checked every record: the first save after opening checks only what the edit changed.
    this.validate.trust(doc);
    return doc;
  }

  async write(doc: PlanDocument | null): Promise<void> {
    if (doc === null) throw new Error('Refusing to save: there is no plan to save.');
    this.check(doc);
    await this.writeChecked(doc);
  }

  /** Throws unless the plan is valid: run when an edit is made, so an edit shown is one the file can take. */
  check(doc: PlanDocument): void {
    const invalid = this.validate(doc);
    if (invalid) throw new Error(`Refusing to save an invalid plan: ${describeProblems(fieldProblems(invalid))}`);
  }

  /** Writes a plan `check` has passed. */
  async writeChecked(doc: PlanDocument): Promise<void> {
    await this.file.write(Buffer.from(encodePlanFile(doc), 'utf8'));
  }
}
