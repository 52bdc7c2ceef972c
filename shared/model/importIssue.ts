import { z } from 'zod';

/** Where in an imported workbook, and why. `row` is the Excel row number; `column` the header name. */
export const importIssueSchema = z.object({
  sheet: z.string().nullable(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  columnLetter: z.string().nullable(),
  reason: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;
