import { actionSchema, nextStepSchema, timescaleSchema } from '../model/action';
import { boardPaperRecordSchema, paperAuthorSchema, paperSectionsSchema, paperSnapshotSchema } from '../model/boardPaper';
import { areaSchema, assessmentSchema, levelSchema, matrixSchema } from '../model/matrix';
import { measurePointSchema, measureSchema } from '../model/measure';
import { leadSchema, personSchema } from '../model/people';
import type { Lead } from '../model/people';
import { planDocumentFields, planInfoSchema } from '../model/plan';
import type { PlanDocument } from '../model/plan';
import { reviewSchema } from '../model/review';
import { updateLogEntrySchema } from '../model/updateLog';

/** Where a person goes to fix an item: an action's editor, a measure, or nowhere (nothing to fix). */
export type PlanCheckTarget = { kind: 'action'; actionId: string } | { kind: 'measure'; measureId: string } | null;

export interface PlanCheckItem {
  /** A problem is something to fix; a note only tells (a field this version keeps but does not show). */
  severity: 'problem' | 'note';
  what: string;
  /** As the person knows it: "Action 12, next step 2". */
  where: string;
  fix: string;
  target: PlanCheckTarget;
}

/**
 * What is wrong in a plan that still opens: links that point at nothing (a lead linked to a person no
 * longer in People, a measure or review of an action that is not in the plan) and fields this version
 * does not know. The plan is valid without fixing them, so they are listed rather than refused.
 */
export function checkPlan(doc: PlanDocument): PlanCheckItem[] {
  return [...danglingLeads(doc), ...danglingMeasureLinks(doc), ...danglingReviews(doc), ...unknownFields(doc)];
}

export function planCheckProblems(items: readonly PlanCheckItem[]): number {
  return items.filter((item) => item.severity === 'problem').length;
}

function danglingLeads(doc: PlanDocument): PlanCheckItem[] {
  const people = new Set(doc.people.map((person) => person.id));
  const items: PlanCheckItem[] = [];
  const check = (leads: readonly Lead[], where: string, action: { id: string; number: string }) => {
    for (const lead of leads) {
      if (lead.personId === undefined || people.has(lead.personId)) continue;
      items.push({
        severity: 'problem',
        what: `The lead "${lead.name}" is linked to someone who is not in People.`,
        where,
        fix: `Open action ${action.number} and save it: the lead is linked again if someone called ${lead.name} is in People, and kept as typed text if not. To link it, add ${lead.name} in Plan & people first.`,
        target: { kind: 'action', actionId: action.id },
      });
    }
  };
  for (const action of doc.actions) {
    check(action.leads, `Action ${action.number}, Lead`, action);
    action.nextSteps.forEach((step, index) => check(step.leads, `Action ${action.number}, next step ${index + 1}, Lead`, action));
  }
  return items;
}

function danglingMeasureLinks(doc: PlanDocument): PlanCheckItem[] {
  const actions = new Set(doc.actions.map((action) => action.id));
  return doc.measures.flatMap((measure) =>
    measure.actionIds
      .filter((id) => !actions.has(id))
      .map(
        (id): PlanCheckItem => ({
          severity: 'problem',
          what: `The measure is linked to an action that is not in the plan (id "${id}").`,
          where: `Measure "${measure.name}"`,
          fix: 'Open the measure in Measures, choose Edit and save it: links to actions that are no longer in the plan are removed.',
          target: { kind: 'measure', measureId: measure.id },
        }),
      ),
  );
}

/** A review of an action deleted in this app is history, like the action's log; any other is a dangling link. */
function danglingReviews(doc: PlanDocument): PlanCheckItem[] {
  const actions = new Set(doc.actions.map((action) => action.id));
  const deleted = new Set(doc.updateLog.filter((entry) => entry.field === 'deleted').map((entry) => entry.actionId));
  return doc.reviews
    .filter((review) => !actions.has(review.actionId) && !deleted.has(review.actionId))
    .map((review) => ({
      severity: 'problem',
      what: `The review is of an action that is not in the plan (id "${review.actionId}").`,
      where: `Review by ${review.by} on ${review.at.slice(0, 10)}`,
      fix: 'If the action was removed by another program or by editing the file, restore the plan from a backup in Plan & people → Backups. Otherwise nothing needs doing: the review is kept as history.',
      target: null,
    }));
}

type Shape = object;

/** Each unknown field once per kind of record, with the first few places it is in. */
function unknownFields(doc: PlanDocument): PlanCheckItem[] {
  const found = new Map<string, { field: string; places: string[]; count: number }>();
  const note = (record: object, shape: Shape, kind: string, where: string) => {
    for (const field of Object.keys(record)) {
      if (Object.hasOwn(shape, field)) continue;
      const key = `${kind}\u0000${field}`;
      const entry = found.get(key) ?? { field, places: [], count: 0 };
      entry.count += 1;
      if (entry.places.length < 3) entry.places.push(where);
      found.set(key, entry);
    }
  };
  const timescaleAndLeads = (holder: { timescale: object; leads: readonly object[] }, where: string) => {
    note(holder.timescale, timescaleSchema.shape, `${where} timescale`, `${where}, Timescale`);
    holder.leads.forEach((lead, index) => note(lead, leadSchema.shape, `${where} lead`, `${where}, lead ${index + 1}`));
  };

  note(doc, planDocumentFields.shape, 'plan file', 'The plan file');
  note(doc.plan, planInfoSchema.shape, 'plan details', 'Plan details');
  note(doc.matrix, matrixSchema.shape, 'matrix', 'Maturity matrix');
  doc.matrix.areas.forEach((area, index) => note(area, areaSchema.shape, 'area', `Maturity matrix, area ${index + 1} (${area.name})`));
  doc.matrix.levels.forEach((level, index) => note(level, levelSchema.shape, 'level', `Maturity matrix, level ${index + 1}`));
  doc.assessments.forEach((assessment) => note(assessment, assessmentSchema.shape, 'assessment', `Assessment of ${assessment.date}`));
  doc.people.forEach((person) => note(person, personSchema.shape, 'person', `Person ${person.name}`));
  for (const action of doc.actions) {
    const where = `Action ${action.number}`;
    note(action, actionSchema.shape, 'action', where);
    timescaleAndLeads(action, where);
    action.nextSteps.forEach((step, index) => {
      note(step, nextStepSchema.shape, 'next step', `${where}, next step ${index + 1}`);
      timescaleAndLeads(step, `${where}, next step ${index + 1}`);
    });
  }
  for (const measure of doc.measures) {
    const where = `Measure "${measure.name}"`;
    note(measure, measureSchema.shape, 'measure', where);
    if (measure.baseline) note(measure.baseline, measureSchema.shape.baseline.unwrap().shape, 'baseline', `${where}, Baseline`);
    measure.values.forEach((value) => note(value, measurePointSchema.shape, 'measure value', `${where}, value of ${value.date}`));
  }
  doc.reviews.forEach((review) => note(review, reviewSchema.shape, 'review', `Review by ${review.by} on ${review.at.slice(0, 10)}`));
  for (const paper of doc.papers) {
    const where = `Board paper for ${paper.meetingDate}`;
    note(paper, boardPaperRecordSchema.shape, 'paper', where);
    note(paper.sections, paperSectionsSchema.shape, 'paper sections', `${where}, Sections`);
    note(paper.snapshot, paperSnapshotSchema.shape, 'paper snapshot', `${where}, Snapshot`);
    paper.authors.forEach((author, index) => note(author, paperAuthorSchema.shape, 'paper author', `${where}, author ${index + 1}`));
  }
  doc.updateLog.forEach((entry, index) => note(entry, updateLogEntrySchema.shape, 'log entry', `Update log entry ${index + 1}`));

  return [...found.values()].map(({ field, places, count }) => ({
    severity: 'note',
    what: `A field "${field}" that this version of the app does not know.`,
    where: count > places.length ? `${places.join('; ')} and ${count - places.length} more` : places.join('; '),
    fix: 'Nothing to do: it is kept exactly as it is and saved back with the plan. Another program, or a newer version of this app, may use it.',
    target: null,
  }));
}
