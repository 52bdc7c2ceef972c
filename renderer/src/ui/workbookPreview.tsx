import type { PreviewedChange } from '../../../shared/api/contract';
import type { ImportIssue } from '../../../shared/model/importIssue';

/** Reads a chosen file as base64, in chunks so a large workbook does not overflow the argument list. */
export async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

/** Where in the workbook a problem or notice is, as a person finds it: sheet, row, column. */
export function issuePlace(issue: ImportIssue): string {
  return [
    issue.sheet && `Sheet “${issue.sheet}”`,
    issue.row !== null && `row ${issue.row}`,
    issue.column && `column ${issue.columnLetter ?? ''} “${issue.column}”`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** The rows of a preview's problems table. */
export function ProblemRows({ problems }: { problems: readonly ImportIssue[] }) {
  return (
    <tbody>
      {problems.map((problem, index) => (
        <tr key={index}>
          <td>{issuePlace(problem) || 'Workbook'}</td>
          <td>{problem.reason}</td>
        </tr>
      ))}
    </tbody>
  );
}

/** The rows of a preview's changes table: the import and the data-call returns show changes alike. */
export function ChangeRows({ changes }: { changes: readonly PreviewedChange[] }) {
  return (
    <tbody>
      {changes.map((change, index) => (
        <tr key={index}>
          <td>
            {change.actionNumber}
            {change.stepNo ? `, step ${change.stepNo}` : ''}
          </td>
          <td>{change.field}</td>
          <td className="old-value">{change.old || '—'}</td>
          <td>{change.new || '—'}</td>
        </tr>
      ))}
    </tbody>
  );
}
