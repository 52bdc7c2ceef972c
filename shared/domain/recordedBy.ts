import type { RecordedBy } from '../model/people';

/** Who made a record, as the record keeps it: the name, and the person and login beside it when known. */
export interface Recorder {
  by: string;
  byPersonId?: string;
  login?: string;
}

/**
 * The name to print for who made a record. A record made before anyone said who they were holds the
 * computer login as its name (and the login again beside it): it is shown as a login, so no paper or view
 * says "Assessed by root" as if "root" were a person.
 */
export function whoRecorded(record: Recorder): string {
  if (record.byPersonId === undefined && record.login !== undefined && record.by === record.login) {
    return `the computer login “${record.login}”`;
  }
  return record.by;
}

/** The same for a record that names the person in one field (a paper issued or withdrawn, a data call). */
export function whoRecordedIn(by: RecordedBy): string {
  return whoRecorded({
    by: by.name,
    ...(by.personId !== undefined && { byPersonId: by.personId }),
    ...(by.login !== undefined && { login: by.login }),
  });
}

/** The same for an assessment, which keeps the assessor's name in `assessedBy`. */
export function whoAssessed(assessment: { assessedBy: string; byPersonId?: string; login?: string }): string {
  const { assessedBy, ...recorder } = assessment;
  return whoRecorded({ ...recorder, by: assessedBy });
}
