import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import type { AddressObject } from 'mailparser';
import {
  actionsForLead,
  defaultLeads,
  formatReturnDate,
  markReturned,
  returnsTracker,
  startDataCall,
} from '../../../../../shared/domain/dataCall';
import { teamOf } from '../../../../../shared/domain/team';
import {
  buildChaseEmail,
  buildDataCallEmail,
  WORKBOOK_MIME_TYPE,
} from '../../../../../electron/core/dataCall/emailDraft';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { planDocumentSchema } from '../../../../../shared/model/plan';
import { counterIds, makeDocument } from '../../../../support/fixtures';

const TODAY = '2016-06-15';
const SECRETARY = { name: 'Board Secretary', personId: 'person-2', login: 'sec01' };

function withEmails(): PlanDocument {
  const doc = makeDocument();
  return {
    ...doc,
    people: doc.people.map((person) =>
      person.id === 'person-3' ? { ...person, email: 'bryony.marsh@example.org' } : person,
    ),
  };
}

function started(doc = withEmails()) {
  const leads = defaultLeads(doc, TODAY);
  return startDataCall(
    doc,
    {
      board: 'Early Help Board',
      meetingDate: '2016-07-21',
      returnBy: '2016-07-08',
      message: 'Please update your actions before the July board.',
      leads,
    },
    { now: '2016-06-15T12:00:00.000Z', by: SECRETARY, newId: counterIds('call') },
  );
}

describe('defaultLeads', () => {
  it('lists everyone leading an open action or an open next step, once each, with their email from People', () => {
    const doc = withEmails();
    const leads = defaultLeads(doc, TODAY);
    const expected = new Set<string>();
    for (const action of doc.actions.filter((candidate) => candidate.status !== 'complete')) {
      for (const lead of [
        ...action.leads,
        ...action.nextSteps.filter((step) => !step.done).flatMap((step) => step.leads),
      ])
        expected.add(lead.name);
    }
    expect(leads.map((lead) => lead.name).sort()).toEqual([...expected].sort());
    expect(leads.find((lead) => lead.name === 'Bryony Marsh')).toMatchObject({
      personId: 'person-3',
      email: 'bryony.marsh@example.org',
    });
    // A lead typed as text, not in People, is asked too (without an email).
    expect(leads.find((lead) => lead.name === 'Jo Bloggs')).toEqual(
      expect.not.objectContaining({ email: expect.anything() }),
    );
    for (const lead of leads) expect(lead.openActions).toBe(actionsForLead(doc, lead.name, TODAY).length);
  });

  it('leaves out a lead whose only actions are complete', () => {
    const doc = withEmails();
    const done: PlanDocument = {
      ...doc,
      actions: doc.actions.map((action) => ({ ...action, status: 'complete' as const })),
    };
    expect(defaultLeads(done, TODAY)).toEqual([]);
  });
});

describe('startDataCall and the returns tracker', () => {
  it('records the call with a workbook name per lead, and tracks returned, not yet and late', () => {
    const { doc, call } = started();
    expect(planDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.dataCalls).toEqual([call]);
    expect(new Set(call.leads.map((lead) => lead.fileName)).size).toBe(call.leads.length);
    expect(call.leads.find((lead) => lead.name === 'Bryony Marsh')).toMatchObject({
      fileName: '2016-07-21 update - Bryony Marsh.xlsx',
      returnedAt: null,
    });

    const back = markReturned(doc, call.id, '2016-07-21 update - Bryony Marsh.xlsx', '2016-07-01T09:00:00.000Z');
    const tracked = back.dataCalls[0]!;
    expect(returnsTracker(tracked, '2016-07-08').returned.map((lead) => lead.name)).toEqual(['Bryony Marsh']);
    expect(returnsTracker(tracked, '2016-07-08').late).toEqual([]);
    const late = returnsTracker(tracked, '2016-07-09');
    expect(late.late.map((lead) => lead.name).sort()).toEqual(
      call.leads
        .map((lead) => lead.name)
        .filter((name) => name !== 'Bryony Marsh')
        .sort(),
    );
    expect(late.notYet).toEqual([]);
  });

  it('refuses a return date after the meeting', () => {
    const doc = withEmails();
    const leads = defaultLeads(doc, TODAY);
    const request = {
      board: 'Early Help Board',
      meetingDate: '2016-07-21',
      returnBy: '2016-07-22',
      message: '',
      leads,
    };
    expect(() =>
      startDataCall(doc, request, { now: '2016-06-15T12:00:00.000Z', by: SECRETARY, newId: counterIds() }),
    ).toThrow(/must not be after the meeting/);
  });
});

describe('email drafts', () => {
  const workbook = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Array.from({ length: 300 }, (_, index) => index % 256)]);

  it('writes an unsent draft to the lead, with the message, the return date in words and the workbook attached', async () => {
    const { call } = started();
    const lead = call.leads.find((candidate) => candidate.name === 'Bryony Marsh')!;
    const eml = await buildDataCallEmail({ call, lead, workbook, date: new Date('2016-06-15T12:00:00.000Z') });
    const mail = await simpleParser(eml);

    expect(mail.headers.get('x-unsent')).toBe('1');
    expect((mail.to as AddressObject).value).toEqual([{ name: 'Bryony Marsh', address: 'bryony.marsh@example.org' }]);
    expect(mail.subject).toBe(`Action plan update for the Early Help Board, ${formatReturnDate('2016-07-21')}`);
    expect(mail.text).toContain('Please update your actions before the July board.');
    expect(mail.text).toContain('by Friday 8 July 2016');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe('2016-07-21 update - Bryony Marsh.xlsx');
    expect(mail.attachments[0]!.contentType).toBe(WORKBOOK_MIME_TYPE);
    expect(Buffer.compare(mail.attachments[0]!.content, workbook)).toBe(0);
  });

  it('leaves To empty for a lead with no email, and chases a late return', async () => {
    const { call } = started();
    const lead = call.leads.find((candidate) => candidate.name === 'Jo Bloggs')!;
    const first = await simpleParser(
      await buildDataCallEmail({ call, lead, workbook, date: new Date('2016-06-15T12:00:00.000Z') }),
    );
    expect(first.to).toBeUndefined();
    const chase = await simpleParser(
      await buildChaseEmail({ call, lead, workbook, date: new Date('2016-07-11T09:00:00.000Z') }),
    );
    expect(chase.headers.get('x-unsent')).toBe('1');
    expect(chase.subject).toMatch(/^Reminder: /);
    expect(chase.text).toContain('by Friday 8 July 2016 and have not yet received it');
    expect(Buffer.compare(chase.attachments[0]!.content, workbook)).toBe(0);
  });
});

describe('teamOf', () => {
  it('lists everyone below a manager, through managers below them, and survives a loop', () => {
    const doc = makeDocument();
    const lined: PlanDocument = {
      ...doc,
      people: doc.people.map((person) =>
        person.id === 'person-1'
          ? { ...person, managerId: 'person-2' }
          : person.id === 'person-3'
            ? { ...person, managerId: 'person-1' }
            : person,
      ),
    };
    expect(teamOf(lined, 'person-2').map((person) => person.id)).toEqual(['person-1', 'person-3']);
    expect(teamOf(lined, 'person-1').map((person) => person.id)).toEqual(['person-3']);
    expect(teamOf(lined, 'person-3')).toEqual([]);
    const looped = {
      ...lined,
      people: lined.people.map((person) => (person.id === 'person-2' ? { ...person, managerId: 'person-3' } : person)),
    };
    expect(teamOf(looped, 'person-2').map((person) => person.id)).toEqual(['person-1', 'person-3']);
  });
});
