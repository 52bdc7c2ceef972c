import { format } from 'date-fns';
import { describe, expect, it, vi } from 'vitest';
import { formatIsoDate } from '../../../../../shared/domain/dates';

vi.mock('date-fns', async (original) => {
  const actual = await original<typeof import('date-fns')>();
  return { ...actual, format: vi.fn(actual.format) };
});

describe('dates in words', () => {
  it('puts each date into words once in each style, however often a list asks for it', () => {
    vi.mocked(format).mockClear();
    for (let time = 0; time < 40; time++) expect(formatIsoDate('2027-01-21', 'paper')).toBe('21st January 2027');
    expect(formatIsoDate('2027-01-21', 'short')).toBe('21 Jan 2027');
    expect(formatIsoDate('2027-01-21', 'short')).toBe('21 Jan 2027');
    expect(vi.mocked(format)).toHaveBeenCalledTimes(2);
  });

  it('returns text that is not a real date as it is, every time', () => {
    for (let time = 0; time < 2; time++) {
      expect(formatIsoDate('End of May 16', 'paper')).toBe('End of May 16');
      expect(formatIsoDate('2027-02-30', 'long')).toBe('2027-02-30');
    }
  });
});
