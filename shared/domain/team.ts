import type { Person } from '../model/people';
import type { PlanDocument } from '../model/plan';
import type { IsoDate } from '../model/primitives';
import type { Review } from '../model/review';
import { actionsLedBy } from './beforeBoard';
import type { AssignedAction } from './beforeBoard';
import { DomainError } from './errors';
import { latestReview, unreviewedUpdates } from './reviews';

/**
 * Everyone `managerId` manages, directly or through the managers below them, in People order. A loop in
 * the line (possible in a file edited elsewhere) ends the walk instead of running forever, and the
 * manager is never in their own team.
 */
export function teamOf(doc: PlanDocument, managerId: string): Person[] {
  const reports = new Map<string, string[]>();
  for (const person of doc.people) {
    if (person.managerId === undefined) continue;
    reports.set(person.managerId, [...(reports.get(person.managerId) ?? []), person.id]);
  }
  const inTeam = new Set<string>();
  const queue = [...(reports.get(managerId) ?? [])];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === managerId || inTeam.has(id)) continue;
    inTeam.add(id);
    queue.push(...(reports.get(id) ?? []));
  }
  return doc.people.filter((person) => inTeam.has(person.id));
}

/** The line from `personId` upwards, stopping before a person seen twice (a loop) or an unknown id. */
function lineAbove(byId: ReadonlyMap<string, Person>, personId: string): { ids: string[]; loops: boolean } {
  const ids: string[] = [];
  let current = byId.get(personId)?.managerId;
  while (current !== undefined) {
    if (current === personId || ids.includes(current)) return { ids, loops: true };
    ids.push(current);
    current = byId.get(current)?.managerId;
  }
  return { ids, loops: false };
}

/**
 * People whose line of managers comes back to them, each loop once, as lists of ids in line order from
 * the person People lists first. A loop means nobody in it has a manager above who sees their work.
 */
export function managerLoops(people: readonly Person[]): string[][] {
  const byId = new Map(people.map((person) => [person.id, person]));
  const loops: string[][] = [];
  const seen = new Set<string>();
  for (const person of people) {
    if (seen.has(person.id)) continue;
    const { ids, loops: inLoop } = lineAbove(byId, person.id);
    if (!inLoop || ids.at(-1) === undefined) continue;
    // Only the person the line returns to is in the loop, with everyone between.
    const returnsTo = byId.get(ids.at(-1)!)?.managerId;
    if (returnsTo !== person.id) continue;
    const loop = [person.id, ...ids];
    loop.forEach((id) => seen.add(id));
    loops.push(loop);
  }
  return loops;
}

/** Refuses a line manager who is not in People, is the person, or is managed by them (a loop). */
export function assertManagerAllowed(doc: PlanDocument, personId: string | undefined, managerId: string): void {
  const byId = new Map(doc.people.map((person) => [person.id, person]));
  const manager = byId.get(managerId);
  if (!manager) throw new DomainError('not_found', 'The line manager chosen is not in People.', 'managerId');
  if (personId === undefined) return;
  if (managerId === personId)
    throw new DomainError('invalid', 'A person cannot be their own line manager.', 'managerId');
  if (
    lineAbove(byId, managerId).ids.includes(personId) ||
    teamOf(doc, personId).some((member) => member.id === managerId)
  ) {
    const name = byId.get(personId)?.name ?? 'this person';
    throw new DomainError(
      'invalid',
      `${manager.name} is managed by ${name}, so cannot also be their line manager.`,
      'managerId',
    );
  }
}

/** One person in a manager's team and the open actions and next steps they lead. */
export interface TeamMemberActions {
  person: Person;
  items: AssignedAction[];
}

/**
 * What a manager reviews: for each person they manage (directly or through managers below them), the
 * open actions and next steps that person leads, people with nothing open left out.
 */
export function teamActions(doc: PlanDocument, managerId: string, today: IsoDate): TeamMemberActions[] {
  return teamOf(doc, managerId)
    .map((person) => ({ person, items: actionsLedBy(doc, person.name, today) }))
    .filter((member) => member.items.length > 0);
}

/**
 * The manager's send-back the lead still has to answer: the action's latest review, when it sent the
 * action back and nothing has been updated on it since. An update answers it (and awaits review again).
 */
export function sendBackToAnswer(doc: PlanDocument, actionId: string): Review | null {
  const review = latestReview(doc, actionId);
  if (review?.outcome !== 'sent_back') return null;
  return unreviewedUpdates(doc, actionId).length === 0 ? review : null;
}
