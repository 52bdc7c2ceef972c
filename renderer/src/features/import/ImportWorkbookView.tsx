import { useState } from 'react';
import type { ImportPreview } from '../../../../shared/api/contract';
import type { PlanDocument } from '../../../../shared/model/plan';
import { usePlanApi } from '../../state/planContext';
import { TableHead } from '../../ui/TableHead';
import { ChangeRows, ProblemRows, fileAsBase64, issuePlace } from '../../ui/workbookPreview';
import '../board-paper/boardPaper.css';

type Stage =
  | { kind: 'choose' }
  | { kind: 'reading' }
  | { kind: 'preview'; preview: ImportPreview; base64: string }
  | { kind: 'applying'; preview: ImportPreview }
  | { kind: 'done'; count: number; fileName: string };

/** A lead's edited workbook comes back: every change is shown first, then applied all together or not at all. */
export function ImportWorkbookView({ onImported }: { onImported: (document: PlanDocument) => void }) {
  const api = usePlanApi();
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);

  const read = async (file: File) => {
    setError(null);
    setStage({ kind: 'reading' });
    const base64 = await fileAsBase64(file);
    const result = await api.previewWorkbookImport({ fileName: file.name, base64 });
    if (!result.ok) {
      setError(result.error.message);
      return setStage({ kind: 'choose' });
    }
    setStage({ kind: 'preview', preview: result.value, base64 });
  };

  const apply = async (preview: ImportPreview, base64: string) => {
    setStage({ kind: 'applying', preview });
    const result = await api.applyWorkbookImport({
      fileName: preview.fileName,
      base64,
      expectedChanges: preview.changes.length,
    });
    if (!result.ok) {
      setError(result.error.message);
      return setStage({ kind: 'preview', preview, base64 });
    }
    onImported(result.value);
    setStage({ kind: 'done', count: preview.changes.length, fileName: preview.fileName });
  };

  return (
    <section className="import-view" aria-labelledby="import-title">
      <h2 id="import-title">Import updates from Excel</h2>
      <p className="hint">
        Choose a workbook exported from this plan and edited by a lead. Nothing is written until you have seen every
        change and pressed Import; if any row has a problem, nothing is imported.
      </p>
      <label className="file-picker">
        Workbook (.xlsx)
        <input
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void read(file);
          }}
        />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {stage.kind === 'reading' && <p role="status">Reading the workbook…</p>}
      {stage.kind === 'done' && (
        <p className="exported" role="status">
          Imported {stage.count} change{stage.count === 1 ? '' : 's'} from {stage.fileName}. Each is in the update log.
        </p>
      )}
      {(stage.kind === 'preview' || stage.kind === 'applying') && (
        <ImportPreviewTable
          preview={stage.preview}
          busy={stage.kind === 'applying'}
          onApply={() => stage.kind === 'preview' && void apply(stage.preview, stage.base64)}
          onCancel={() => setStage({ kind: 'choose' })}
        />
      )}
    </section>
  );
}

function ImportPreviewTable({
  preview,
  busy,
  onApply,
  onCancel,
}: {
  preview: ImportPreview;
  busy: boolean;
  onApply: () => void;
  onCancel: () => void;
}) {
  const blocked = preview.problems.length > 0;
  const problemCount = preview.problems.length + preview.moreProblems;
  return (
    <div className="import-preview">
      <h3>
        {preview.fileName}
        {preview.planTitle ? ` — ${preview.planTitle}` : ''}
      </h3>
      {blocked && (
        <>
          <p className="field-error" role="alert">
            {problemCount.toLocaleString('en-GB')} problem{problemCount === 1 ? '' : 's'} found: nothing can be imported
            until the workbook is corrected.
          </p>
          <table className="problems" aria-label="Problems">
            <TableHead columns={['Where', 'Problem']} />
            <ProblemRows problems={preview.problems} />
          </table>
          {preview.moreProblems > 0 && (
            <p>
              and {preview.moreProblems.toLocaleString('en-GB')} more problem{preview.moreProblems === 1 ? '' : 's'}:
              correct the ones listed, then preview the workbook again.
            </p>
          )}
        </>
      )}
      {preview.notices.length > 0 && (
        <details>
          <summary>
            {preview.notices.length} note{preview.notices.length === 1 ? '' : 's'} (not applied)
          </summary>
          <ul>
            {preview.notices.map((notice, index) => (
              <li key={index}>
                {issuePlace(notice)}: {notice.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {!blocked && (
        <>
          <p>
            {preview.changes.length === 0
              ? 'The workbook holds no changes to the plan.'
              : `${preview.changes.length} change${preview.changes.length === 1 ? '' : 's'} will be made:`}
          </p>
          {preview.changes.length > 0 && (
            <table className="problems import-changes" aria-label="Changes">
              <colgroup>
                <col className="col-action" />
                <col className="col-field" />
                <col />
                <col />
              </colgroup>
              <TableHead columns={['Action', 'Field', 'Now', 'Becomes']} />
              <ChangeRows changes={preview.changes} />
            </table>
          )}
        </>
      )}
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        {/* With a problem nothing is imported, so the button does not offer a count of changes it cannot make. */}
        <button
          type="button"
          className="primary"
          disabled={blocked || busy || preview.changes.length === 0}
          onClick={onApply}
        >
          {busy
            ? 'Importing…'
            : blocked || preview.changes.length === 0
              ? 'Import'
              : `Import ${preview.changes.length} change${preview.changes.length === 1 ? '' : 's'}`}
        </button>
      </div>
    </div>
  );
}
