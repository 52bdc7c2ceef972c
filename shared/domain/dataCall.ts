import { format, parseISO } from 'date-fns';
import type { DataCall, DataCallLead } from '../model/dataCall';
import { dataCallSchema } from '../model/dataCall';
import type { Person, RecordedBy } from '../model/people';
import type { PlanDocument } from '../model/plan';
import type { IsoDate } from '../model/primitives';
import type { AssignedAction } from './beforeBoard';
import { actionsLedBy } from './beforeBoard';
import { DomainError } from './errors';

/** A lead the data call can ask, with what they would be asked about, for the secretary to pick from. */
export interface LeadCandidate {
  name: string;
  personId?: string;
  email?: string;
  openActions: number;
  overdue: number;
}

/**
 * Everyone leading an open action or an open next step of one, once each (a lead linked to People is
 * one person whatever the spelling on each action), by name. The email comes from People.
 */
export function defaultLeads(doc: PlanDocument, today: IsoDate): LeadCandidate[] {
  const people = new Map(doc.people.map((person) => [person.id, person]));
  const found = new Map<string, { name: string; personId?: string }>();
  for (const action of doc.actions) {
    if (action.status === 'complete') continue;
    const leads = [...action.leads, ...action.nextSteps.filter((step) => !step.done).flatMap((step) => step.leads)];
    for (const lead of leads) {
      const person = lead.personId === undefined ? undefined : people.get(lead.personId);
      const key = person ? `person:${person.id}` : `name:${lead.name.trim().toLowerCase()}`;
      if (!found.has(key))
        found.set(key, person ? { name: person.name, personId: person.id } : { name: lead.name.trim() });
    }
  }
  return [...found.values()]
    .map((lead) => {
      const assigned = actionsLedBy(doc, lead.name, today);
      const email = lead.personId === undefined ? undefined : people.get(lead.personId)?.email;
      return {
        ...lead,
        ...(email !== undefined && { email }),
        openActions: assigned.length,
        overdue: assigned.filter((item) => item.overdue).length,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/** The open actions a lead's workbook holds: those they lead (with all open steps) or lead a step of. */
export function actionsForLead(doc: PlanDocument, personOrName: Person | string, today: IsoDate): AssignedAction[] {
  return actionsLedBy(doc, typeof personOrName === 'string' ? personOrName : personOrName.name, today);
}

/** "2027-01-15" → "Friday 15 January 2027", as an email asks for a return. */
export function formatReturnDate(date: IsoDate): string {
  return format(parseISO(date), 'EEEE d MMMM yyyy');
}

/** Characters Windows, macOS or a mail program refuse or mangle in an attachment's name. */
const UNSAFE_IN_FILE_NAME = /[\\/:*?"<>|\p{Cc}]+/gu;

/** "2027-01-21 update - Sam O'Neill.xlsx"; a second lead with the same name gets " (2)". */
function workbookNames(meetingDate: IsoDate, names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const stem = `${meetingDate} update - ${name.replace(UNSAFE_IN_FILE_NAME, ' ').replace(/\s+/g, ' ').trim()}`;
    let candidate = `${stem}.xlsx`;
    for (let count = 2; used.has(candidate.toLowerCase()); count += 1) candidate = `${stem} (${count}).xlsx`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

export interface DataCallRequest {
  board: string;
  meetingDate: IsoDate;
  returnBy: IsoDate;
  message: string;
  leads: readonly { name: string; personId?: string }[];
}

/** Records a data call in the plan, each lead with the workbook name they will be sent and their email. */
export function startDataCall(
  doc: PlanDocument,
  request: DataCallRequest,
  ctx: { now: string; by: RecordedBy; newId: () => string },
): { doc: PlanDocument; call: DataCall } {
  const people = new Map(doc.people.map((person) => [person.id, person]));
  const names = workbookNames(
    request.meetingDate,
    request.leads.map((lead) => lead.name),
  );
  const leads: DataCallLead[] = request.leads.map((lead, index) => {
    const person = lead.personId === undefined ? undefined : people.get(lead.personId);
    if (lead.personId !== undefined && !person)
      throw new DomainError('not_found', `${lead.name} is no longer in People.`, 'leads');
    return {
      name: person?.name ?? lead.name,
      ...(person && { personId: person.id }),
      ...(person?.email !== undefined && { email: person.email }),
      fileName: names[index]!,
      returnedAt: null,
    };
  });
  const parsed = dataCallSchema.safeParse({
    id: ctx.newId(),
    board: request.board,
    meetingDate: request.meetingDate,
    returnBy: request.returnBy,
    message: request.message,
    createdAt: ctx.now,
    createdBy: ctx.by,
    leads,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError(
      'invalid',
      `The data call's ${String(issue.path[0] ?? 'details')} ${issue.message}.`,
      String(issue.path[0] ?? ''),
    );
  }
  const call = parsed.data as DataCall;
  return { doc: { ...doc, dataCalls: [...doc.dataCalls, call] }, call };
}

/** Marks a lead's workbook as returned when its import is applied. */
export function markReturned(doc: PlanDocument, callId: string, fileName: string, at: string): PlanDocument {
  const call = doc.dataCalls.find((candidate) => candidate.id === callId);
  if (!call) throw new DomainError('not_found', 'That data call is no longer in the plan.', 'callId');
  if (!call.leads.some((lead) => lead.fileName === fileName)) {
    throw new DomainError('not_found', `The data call did not send a workbook called "${fileName}".`, 'fileName');
  }
  const updated = {
    ...call,
    leads: call.leads.map((lead) => (lead.fileName === fileName ? { ...lead, returnedAt: at } : lead)),
  };
  return { ...doc, dataCalls: doc.dataCalls.map((candidate) => (candidate.id === callId ? updated : candidate)) };
}

export interface ReturnsTracker {
  returned: DataCallLead[];
  /** Not back yet, and the return date has not passed. */
  notYet: DataCallLead[];
  /** Not back, and the return date has passed: these get a chase email. */
  late: DataCallLead[];
}

/** Who has sent their workbook back, as at `today`; a return is due by the end of its return date. */
export function returnsTracker(call: DataCall, today: IsoDate): ReturnsTracker {
  const tracker: ReturnsTracker = { returned: [], notYet: [], late: [] };
  for (const lead of call.leads) {
    if (lead.returnedAt !== null) tracker.returned.push(lead);
    else if (today > call.returnBy) tracker.late.push(lead);
    else tracker.notYet.push(lead);
  }
  return tracker;
}
