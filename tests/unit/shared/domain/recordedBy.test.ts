import { describe, expect, it } from 'vitest';
import { whoAssessed, whoRecorded, whoRecordedIn } from '../../../../shared/domain/recordedBy';

describe('who made a record, as the app prints it', () => {
  it('names the person chosen from People, not the login beside it', () => {
    expect(whoRecorded({ by: 'Priya Chandran', byPersonId: 'p-priya-chandran', login: 'root' })).toBe('Priya Chandran');
    expect(whoRecordedIn({ name: 'Priya Chandran', personId: 'p-priya-chandran', login: 'root' })).toBe(
      'Priya Chandran',
    );
  });

  it('shows a record made before anyone said who they were as a login, never as if the login were a person', () => {
    expect(whoRecorded({ by: 'root', login: 'root' })).toBe('the computer login “root”');
    expect(whoRecordedIn({ name: 'root', login: 'root' })).toBe('the computer login “root”');
    expect(`Assessed by ${whoAssessed({ assessedBy: 'root', login: 'root' })}`).not.toBe('Assessed by root');
  });

  it('keeps a name typed or imported without a person, such as a board that assessed a level', () => {
    expect(whoAssessed({ assessedBy: 'Early Help Strategic Partnership Board' })).toBe(
      'Early Help Strategic Partnership Board',
    );
    expect(whoAssessed({ assessedBy: 'Marcus Adeyemi', login: 'root' })).toBe('Marcus Adeyemi');
    expect(whoRecorded({ by: 'Helen Okafor' })).toBe('Helen Okafor');
  });
});
