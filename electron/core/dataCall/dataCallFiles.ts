/**
 * The files of a data call: a workbook and an email draft per lead, written into the folder the secretary
 * chose; and reading the workbooks that come back.
 */
import { dataCallReturnChanges } from '../../../shared/domain/dataCallReturn';
import type { DataCallReturn } from '../../../shared/domain/dataCallReturn';
import type { DataCall, DataCallLead } from '../../../shared/model/dataCall';
import type { PlanDocument } from '../../../shared/model/plan';
import type { IsoDate } from '../../../shared/model/primitives';
import { writeBesideEarlier } from '../export/exportFiles';
import { readPlanWorkbookInWorker } from '../import/readInWorker';
import { buildChaseEmail, buildDataCallEmail } from './emailDraft';
import { writeLeadWorkbook } from './leadWorkbook';

const stemOf = (lead: DataCallLead) => lead.fileName.replace(/\.xlsx$/i, '');

/** Writes each lead's workbook and the email draft that carries it; returns the paths written. */
export async function writeDataCallFiles(
  doc: PlanDocument,
  call: DataCall,
  folder: string,
  today: IsoDate,
  now: Date,
): Promise<string[]> {
  const files: string[] = [];
  for (const lead of call.leads) {
    const workbook = await writeLeadWorkbook(doc, call, lead, today, now);
    files.push(await writeBesideEarlier(folder, stemOf(lead), 'xlsx', workbook));
    const email = await buildDataCallEmail({ call, lead, workbook, date: now });
    files.push(await writeBesideEarlier(folder, stemOf(lead), 'eml', email));
  }
  return files;
}

/** A reminder for each late lead, with their workbook made afresh from the plan as it is now. */
export async function writeChaseDrafts(
  doc: PlanDocument,
  call: DataCall,
  late: readonly DataCallLead[],
  folder: string,
  today: IsoDate,
  now: Date,
): Promise<string[]> {
  const files: string[] = [];
  for (const lead of late) {
    const workbook = await writeLeadWorkbook(doc, call, lead, today, now);
    const email = await buildChaseEmail({ call, lead, workbook, date: now });
    files.push(await writeBesideEarlier(folder, `Reminder - ${stemOf(lead)}`, 'eml', email));
  }
  return files;
}

/** Reads a returned workbook in the import worker (with its memory limit) and compares it with the plan. */
export async function readDataCallReturn(
  doc: PlanDocument,
  bytes: Uint8Array,
  today: IsoDate,
): Promise<DataCallReturn> {
  return dataCallReturnChanges(doc, await readPlanWorkbookInWorker(bytes), today);
}
