import { actionSchema, nextStepSchema, timescaleSchema } from '../model/action';
import {
  boardPaperRecordSchema,
  paperAuthorSchema,
  paperSectionsSchema,
  paperSnapshotSchema,
} from '../model/boardPaper';
import { areaSchema, assessmentSchema, levelSchema, matrixSchema } from '../model/matrix';
import { measurePointSchema, measureSchema } from '../model/measure';
import { leadSchema, personSchema } from '../model/people';
import type { Lead } from '../model/people';
import { planDocumentFields, planInfoSchema } from '../model/plan';
import type { PlanDocument } from '../model/plan';
import { reviewSchema } from '../model/review';
import { updateLogEntrySchema } from '../model/updateLog';
import { managerLoops } from './team';

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
  return [
    ...danglingLeads(doc),
    ...managerLinks(doc),
    ...danglingMeasureLinks(doc),
    ...danglingReviews(doc),
    ...unknownFields(doc),
  ];
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
    action.nextSteps.forEach((step, index) =>
      check(step.leads, `Action ${action.number}, next step ${index + 1}, Lead`, action),
    );
  }
  return items;
}

/** A line manager who is not in People, or a line that loops back, leaves someone's updates unseen by a manager. */
function managerLinks(doc: PlanDocument): PlanCheckItem[] {
  const names = new Map(doc.people.map((person) => [person.id, person.name]));
  const missing = doc.people
    .filter((person) => person.managerId !== undefined && !names.has(person.managerId))
    .map((person): PlanCheckItem => ({
      severity: 'problem',
      what: `The line manager of ${person.name} is not in People.`,
      where: `Person ${person.name}, Line manager`,
      fix: `Open ${person.name} in Plan & people and choose their line manager again.`,
      target: null,
    }));
  const loops = managerLoops(doc.people).map((loop): PlanCheckItem => {
    const line = [...loop, loop[0]!].map((id) => names.get(id)).join(' → ');
    return {
      severity: 'problem',
      what: `The line managers go round in a circle (${line}), so nobody above them reviews their updates.`,
      where: `Person ${names.get(loop[0]!)}, Line manager`,
      fix: 'Open one of these people in Plan & people and change or clear their line manager.',
      target: null,
    };
  });
  return [...missing, ...loops];
}

function danglingMeasureLinks(doc: PlanDocument): PlanCheckItem[] {
  const actions = new Set(doc.actions.map((action) => action.id));
  return doc.measures.flatMap((measure) =>
    measure.actionIds
      .filter((id) => !actions.has(id))
      .map((id): PlanCheckItem => ({
        severity: 'problem',
        what: `The measure is linked to an action that is not in the plan (id "${id}").`,
        where: `Measure "${measure.name}"`,
        fix: 'Open the measure in Measures, choose Edit and save it: links to actions that are no longer in the plan are removed.',
        target: { kind: 'measure', measureId: measure.id },
      })),
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

/** zod works a shape out on each `.shape` read, so the check, run over every record, reads each once. */
let knownShapes: ReturnType<typeof readShapes> | null = null;
function readShapes() {
  return {
    document: planDocumentFields.shape,
    plan: planInfoSchema.shape,
    matrix: matrixSchema.shape,
    area: areaSchema.shape,
    level: levelSchema.shape,
    assessment: assessmentSchema.shape,
    person: personSchema.shape,
    action: actionSchema.shape,
    step: nextStepSchema.shape,
    timescale: timescaleSchema.shape,
    lead: leadSchema.shape,
    measure: measureSchema.shape,
    baseline: measureSchema.shape.baseline.unwrap().shape,
    value: measurePointSchema.shape,
    review: reviewSchema.shape,
    paper: boardPaperRecordSchema.shape,
    sections: paperSectionsSchema.shape,
    snapshot: paperSnapshotSchema.shape,
    author: paperAuthorSchema.shape,
    logEntry: updateLogEntrySchema.shape,
  };
}

/** Each unknown field once per kind of record, with the first few places it is in. */
function unknownFields(doc: PlanDocument): PlanCheckItem[] {
  const shape = (knownShapes ??= readShapes());
  const found = new Map<string, { field: string; places: string[]; count: number }>();
  // Runs on every change to a plan of thousands of actions: the place is only worded when a field is found.
  const note = (record: object, known: object, kind: string, where: () => string) => {
    for (const field in record) {
      if (Object.hasOwn(known, field) || !Object.hasOwn(record, field)) continue;
      const key = `${kind}\u0000${field}`;
      const entry = found.get(key) ?? { field, places: [], count: 0 };
      entry.count += 1;
      if (entry.places.length < 3) entry.places.push(where());
      found.set(key, entry);
    }
  };
  const timescaleAndLeads = (
    holder: { timescale: object; leads: readonly object[] },
    kind: string,
    where: () => string,
  ) => {
    note(holder.timescale, shape.timescale, `${kind} timescale`, () => `${where()}, Timescale`);
    holder.leads.forEach((lead, index) =>
      note(lead, shape.lead, `${kind} lead`, () => `${where()}, lead ${index + 1}`),
    );
  };

  note(doc, shape.document, 'plan file', () => 'The plan file');
  note(doc.plan, shape.plan, 'plan details', () => 'Plan details');
  note(doc.matrix, shape.matrix, 'matrix', () => 'Maturity matrix');
  doc.matrix.areas.forEach((area, index) =>
    note(area, shape.area, 'area', () => `Maturity matrix, area ${index + 1} (${area.name})`),
  );
  doc.matrix.levels.forEach((level, index) =>
    note(level, shape.level, 'level', () => `Maturity matrix, level ${index + 1}`),
  );
  doc.assessments.forEach((assessment) =>
    note(assessment, shape.assessment, 'assessment', () => `Assessment of ${assessment.date}`),
  );
  doc.people.forEach((person) => note(person, shape.person, 'person', () => `Person ${person.name}`));
  for (const action of doc.actions) {
    const where = () => `Action ${action.number}`;
    note(action, shape.action, 'action', where);
    timescaleAndLeads(action, 'action', where);
    action.nextSteps.forEach((step, index) => {
      const stepWhere = () => `${where()}, next step ${index + 1}`;
      note(step, shape.step, 'next step', stepWhere);
      timescaleAndLeads(step, 'next step', stepWhere);
    });
  }
  for (const measure of doc.measures) {
    const where = () => `Measure "${measure.name}"`;
    note(measure, shape.measure, 'measure', where);
    if (measure.baseline) note(measure.baseline, shape.baseline, 'baseline', () => `${where()}, Baseline`);
    measure.values.forEach((value) =>
      note(value, shape.value, 'measure value', () => `${where()}, value of ${value.date}`),
    );
  }
  doc.reviews.forEach((review) =>
    note(review, shape.review, 'review', () => `Review by ${review.by} on ${review.at.slice(0, 10)}`),
  );
  for (const paper of doc.papers) {
    const where = () => `Board paper for ${paper.meetingDate}`;
    note(paper, shape.paper, 'paper', where);
    note(paper.sections, shape.sections, 'paper sections', () => `${where()}, Sections`);
    note(paper.snapshot, shape.snapshot, 'paper snapshot', () => `${where()}, Snapshot`);
    paper.authors.forEach((author, index) =>
      note(author, shape.author, 'paper author', () => `${where()}, author ${index + 1}`),
    );
  }
  doc.updateLog.forEach((entry, index) =>
    note(entry, shape.logEntry, 'log entry', () => `Update log entry ${index + 1}`),
  );

  return [...found.values()].map(({ field, places, count }) => ({
    severity: 'note',
    what: `A field "${field}" that this version of the app does not know.`,
    where: count > places.length ? `${places.join('; ')} and ${count - places.length} more` : places.join('; '),
    fix: 'Nothing to do: it is kept exactly as it is and saved back with the plan. Another program, or a newer version of this app, may use it.',
    target: null,
  }));
}
