import type { PreviewedChange } from '../../../shared/api/contract';

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
