import MailComposer from 'nodemailer/lib/mail-composer';
import type { DataCall, DataCallLead } from '../../../shared/model/dataCall';
import { formatReturnDate } from '../../../shared/domain/dataCall';

export const WORKBOOK_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface EmailDraftRequest {
  call: DataCall;
  lead: DataCallLead;
  /** The lead's workbook as written; attached under the name the data call recorded for it. */
  workbook: Buffer;
  /** When the draft is made, for its Date header. */
  date: Date;
}

/**
 * An .eml a mail program opens as an unsent draft (`X-Unsent: 1`, honoured by Outlook and Thunderbird):
 * the secretary reads it, can change it, and sends it from their own mailbox. Nothing is sent from the app.
 * A lead with no email in People gets a draft with no To, for the secretary to fill in.
 */
function composeDraft(request: EmailDraftRequest, subject: string, body: string): Promise<Buffer> {
  const { lead, workbook, date } = request;
  const composer = new MailComposer({
    ...(lead.email !== undefined && { to: { name: lead.name, address: lead.email } }),
    subject,
    text: body,
    date,
    headers: { 'X-Unsent': '1' },
    attachments: [{ filename: lead.fileName, content: workbook, contentType: WORKBOOK_MIME_TYPE }],
  });
  return composer.compile().build();
}

function subjectOf(call: DataCall): string {
  return `Action plan update for the ${call.board}, ${formatReturnDate(call.meetingDate)}`;
}

function closing(call: DataCall, lead: DataCallLead): string {
  return [
    `The attached workbook, "${lead.fileName}", holds only the actions and next steps you lead.`,
    'Please fill in the cells you can edit and send the workbook back as it is, without renaming it or',
    `copying its rows into another file, so your update can be merged into the plan before the ${call.board} meets.`,
  ].join(' ');
}

/** The email asking a lead for their update, with their workbook attached. */
export function buildDataCallEmail(request: EmailDraftRequest): Promise<Buffer> {
  const { call, lead } = request;
  const body = [
    `Dear ${lead.name},`,
    '',
    ...(call.message.trim() ? [call.message.trim(), ''] : []),
    `Please return your update by ${formatReturnDate(call.returnBy)}.`,
    '',
    closing(call, lead),
    '',
    'Thank you.',
    '',
  ].join('\n');
  return composeDraft(request, subjectOf(call), body);
}

/** The reminder to a lead whose return date has passed, with the same workbook attached again. */
export function buildChaseEmail(request: EmailDraftRequest): Promise<Buffer> {
  const { call, lead } = request;
  const body = [
    `Dear ${lead.name},`,
    '',
    `We asked for your update by ${formatReturnDate(call.returnBy)} and have not yet received it.`,
    `The ${call.board} meets on ${formatReturnDate(call.meetingDate)}. Please send it back as soon as you can.`,
    '',
    closing(call, lead),
    '',
    'Thank you.',
    '',
  ].join('\n');
  return composeDraft(request, `Reminder: ${subjectOf(call)}`, body);
}
