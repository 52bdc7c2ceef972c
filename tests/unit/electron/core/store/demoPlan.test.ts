import { describe, it, expect } from 'vitest';
import demo from '../../../../../templates/demo-plan.json';
import { planDocumentSchema } from '../../../../../shared/model/plan';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { ACTION_STATUSES } from '../../../../../shared/model/action';
import { DEFAULT_AREA_NAMES, DEFAULT_LEVEL_NAMES } from '../../../../../shared/model/matrix';
import { parseTimescaleDate } from '../../../../../shared/domain/timescale';
import { currentLevels, isDueBeforeNextBoard, isOverdue } from '../../../../../shared/domain/derived';

const TODAY = '2026-11-24';

/** People and places named in the real plan the demo is modelled on; none may leak into the demo. */
const REAL_NAMES = [
  'Louison Ricketts',
  'Stuart Hunter',
  'Angela Harley',
  'Sue Frossell',
  'Christina Walding',
  'Jeanette Hyatt',
  'Ann Stacey',
  'John Forde',
  'Fran Doyle',
  'Amanda Reynolds',
  'Richard Pearson',
  'Sue Johnson',
  'Heather Blevins',
  'Sally Giles',
  'Nancy Meehan',
  'Terri Cartwright',
  'Cat Parker',
  'Shoayb Khalid',
  'Andrew Brunt',
  'Grace Haynes',
  'Sue Bent',
  'Emma Bates',
  'Clare Wightman',
  'Karen Ogle',
  'Sarah Kinsell',
  'Rachael Sugars',
  'Ross Hughes',
  'Jed Francique',
  'Steve Turner',
  'Sarah Newton',
  'John Gregg',
];
const REAL_PLACES = [
  'Coventry',
  'Warwickshire',
  'Willenhall',
  'Hillside',
  'Lyng Hall',
  'Cardinal Wiseman',
  'Foxford',
  'Grace Academy',
  'Stoke Heath',
  'Aldermoor',
  'Sidney Stringer',
  'CWPT',
];

function parsed(): PlanDocument {
  const result = planDocumentSchema.safeParse(demo);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues, null, 2));
  return result.data;
}

describe('demo plan template', () => {
  it('validates against the plan document schema', () => {
    const result = planDocumentSchema.safeParse(demo);
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues.slice(0, 5))).toBe(true);
  });

  it('describes the Early Help plan and its boards', () => {
    const doc = parsed();
    expect(doc.plan.title).toBe('Early Help and Prevention Action Plan 2025 – 2028');
    expect(doc.plan.periodStart).toBe('2025-04-01');
    expect(doc.plan.periodEnd).toBe('2028-03-31');
    expect(doc.plan.boards).toEqual(['Early Help Strategic Partnership Board', 'Health and Wellbeing Board']);
    expect(doc.plan.nextBoardDate).toBe('2027-01-21');
  });

  it('has the seven default matrix areas and four levels', () => {
    const doc = parsed();
    expect(doc.matrix.areas).toHaveLength(7);
    expect(doc.matrix.areas.map((area) => area.name)).toEqual([...DEFAULT_AREA_NAMES]);
    expect(doc.matrix.levels.map((level) => level.name)).toEqual([...DEFAULT_LEVEL_NAMES]);
  });

  it('has 15 to 20 actions covering every area and every status', () => {
    const doc = parsed();
    expect(doc.actions.length).toBeGreaterThanOrEqual(15);
    expect(doc.actions.length).toBeLessThanOrEqual(20);
    for (const area of doc.matrix.areas) {
      expect(
        doc.actions.some((action) => action.areaId === area.id),
        `no action in ${area.id}`,
      ).toBe(true);
    }
    for (const status of ACTION_STATUSES) {
      expect(
        doc.actions.some((action) => action.status === status),
        `no action is ${status}`,
      ).toBe(true);
    }
  });

  it('keeps an assessment history for every area', () => {
    const doc = parsed();
    for (const area of doc.matrix.areas) {
      const dates = new Set(doc.assessments.filter((a) => a.areaId === area.id).map((a) => a.date));
      expect(dates.size, `assessment dates for ${area.id}`).toBeGreaterThanOrEqual(2);
    }
    const levels = currentLevels(doc);
    for (const area of doc.matrix.areas) expect(levels[area.id]).not.toBeNull();
  });

  it('derives every due date from its timescale text', () => {
    const doc = parsed();
    for (const action of doc.actions) {
      expect(action.timescale.due, `action ${action.number}: "${action.timescale.text}"`).toBe(
        parseTimescaleDate(action.timescale.text),
      );
      for (const step of action.nextSteps) {
        expect(step.timescale.due, `step ${step.id}: "${step.timescale.text}"`).toBe(
          parseTimescaleDate(step.timescale.text),
        );
      }
    }
  });

  it('has actions overdue today and actions due before the next board', () => {
    const doc = parsed();
    expect(doc.actions.some((action) => isOverdue(action, TODAY))).toBe(true);
    expect(doc.actions.some((action) => isDueBeforeNextBoard(action, TODAY, doc.plan.nextBoardDate))).toBe(true);
  });

  it('links leads only to people that exist and uses unique ids', () => {
    const doc = parsed();
    const personIds = new Set(doc.people.map((person) => person.id));
    expect(personIds.size).toBe(doc.people.length);
    const leads = doc.actions.flatMap((action) => [...action.leads, ...action.nextSteps.flatMap((step) => step.leads)]);
    for (const lead of leads) {
      if (lead.personId !== undefined) expect(personIds.has(lead.personId), lead.personId).toBe(true);
    }
    expect(leads.some((lead) => lead.personId === undefined)).toBe(true);
    const stepIds = doc.actions.flatMap((action) => action.nextSteps.map((step) => step.id));
    expect(new Set(stepIds).size).toBe(stepIds.length);
    const actionIds = new Set(doc.actions.map((action) => action.id));
    for (const entry of doc.updateLog) expect(actionIds.has(entry.actionId), entry.actionId).toBe(true);
  });

  it('names no real people or places from the source plan', () => {
    const doc = parsed();
    const names = [
      ...doc.people.map((person) => person.name),
      ...doc.actions.flatMap((action) =>
        [...action.leads, ...action.nextSteps.flatMap((step) => step.leads)].map((lead) => lead.name),
      ),
      ...doc.assessments.map((assessment) => assessment.assessedBy),
      ...doc.updateLog.map((entry) => entry.by),
    ];
    for (const name of names) expect(REAL_NAMES).not.toContain(name);
    const text = JSON.stringify(demo).toLowerCase();
    for (const real of [...REAL_NAMES, ...REAL_PLACES]) expect(text, real).not.toContain(real.toLowerCase());
  });
});
