import { memo, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { get, useWatch } from 'react-hook-form';
import type { FieldError } from 'react-hook-form';
import type { ApiError, ApiResult } from '../../../../shared/api/contract';
import {
  buildPaperContent,
  formatPaperDate,
  hasPaperFigures,
  paperFiguresOnce,
  paperInputSchema,
  paperScopeKey,
  startingPaperInput,
} from '../../../../shared/domain/boardPaperContent';
import type { MeasureRow, PaperFigures, PaperInput } from '../../../../shared/domain/boardPaperContent';
import { comparablePapers, draftFor } from '../../../../shared/domain/papers';
import { SUBJECT_LABELS } from '../../../../shared/model/boardPaper';
import type { PaperSections, PaperTemplate } from '../../../../shared/model/boardPaper';
import type { PlanDelta } from '../../../../shared/domain/delta';
import type { PlanDocument } from '../../../../shared/model/plan';
import type { IsoDate } from '../../../../shared/model/primitives';
import { usePlanApi } from '../../state/planContext';
import { showApiError, useDraftForm } from '../../ui/draftForm';
import { TableHead } from '../../ui/TableHead';
import { Options } from '../../ui/Options';
import { ExtraAppendices, NarrativeSections } from './NarrativeSections';
import './boardPaper.css';

const SECTION_LABELS: Record<keyof PaperSections, string> = {
  matrix: 'Maturity matrix with movement since the last paper',
  counts: 'Counts of actions by status and by area',
  completedSinceLast: 'Actions completed since the last paper',
  overdueAndDueSoon: 'Overdue actions and those due before the meeting',
  measures: 'Measures table',
  appendix: 'Appendix: the full action plan',
};

/** Paragraphs are typed with a blank line between them, as in a word processor. */
const toParagraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
const fromParagraphs = (paragraphs: readonly string[]) => paragraphs.join('\n\n');

interface Props {
  doc: PlanDocument;
  today: IsoDate;
  onExported: (document: PlanDocument) => void;
  /** Saves a change to the papers (issue, discard) and shows the plan as saved. */
  onChange: (call: () => Promise<ApiResult<PlanDelta>>) => Promise<ApiResult<PlanDocument>>;
}

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; what: string }
  | { kind: 'done'; files: string[] }
  | { kind: 'failed'; error: ApiError };

/** The paper as the form holds it: purpose and recommendations as typed, paragraphs split by blank lines. */
type PaperForm = Omit<PaperInput, 'purpose' | 'recommendations'> & { purposeText: string; recommendationsText: string };

function toPaperForm({ purpose, recommendations, ...rest }: PaperInput): PaperForm {
  return { ...rest, purposeText: fromParagraphs(purpose), recommendationsText: fromParagraphs(recommendations) };
}

function toPaperInput({ purposeText, recommendationsText, ...rest }: PaperForm): PaperInput {
  return { ...rest, purpose: toParagraphs(purposeText), recommendations: toParagraphs(recommendationsText) };
}

/**
 * The templates as read on the last visit to this screen: it opens with them at once while they are read
 * again, instead of showing "Loading" for the time of a call on every visit.
 */
let lastTemplates: PaperTemplate[] | null = null;

/** The board secretary's screen: pick the template and meeting, check the words, export Word and Excel. */
export function BoardPaperView({ doc, today, onExported, onChange }: Props) {
  const api = usePlanApi();
  const startingForm = (template: PaperTemplate) =>
    toPaperForm(startingPaperInput(doc, template, doc.plan.nextBoardDate ?? today));
  const [opening] = useState(() => {
    const template = lastTemplates?.[0];
    return template ? { templates: lastTemplates, template, values: startingForm(template) } : null;
  });
  const [templates, setTemplates] = useState<PaperTemplate[] | null>(opening?.templates ?? null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState<string>(opening?.template.id ?? '');
  const [started, setStarted] = useState(opening !== null);
  const [formats, setFormats] = useState({ word: true, excel: true });
  const [exporting, setExporting] = useState<ExportState>({ kind: 'idle' });
  const [draftError, setDraftError] = useState<string | null>(null);
  const form = useDraftForm({ schema: paperInputSchema, defaultValues: opening?.values ?? {}, toDraft: toPaperInput });

  const choose = (template: PaperTemplate) => {
    setTemplateId(template.id);
    form.reset(startingForm(template));
    setStarted(true);
  };

  useEffect(() => {
    void api.listPaperTemplates({}).then((result) => {
      if (!result.ok) return setLoadError(result.error.message);
      const unchanged = JSON.stringify(result.value) === JSON.stringify(lastTemplates);
      lastTemplates = result.value;
      if (opening && unchanged) return;
      setTemplates(result.value);
      // Opened with the templates of the last visit: what was typed is kept unless its template has gone.
      if (opening && result.value.some((template) => template.id === opening.template.id)) return;
      if (result.value[0]) choose(result.value[0]);
    });
    // Templates are read once per visit to this screen; `choose` only sets state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const values = useWatch({ control: form.control }) as PaperForm;
  // The preview follows every keystroke, so it checks the words itself rather than waiting for Export.
  const checked = useMemo(() => (started ? paperInputSchema.safeParse(toPaperInput(values)) : null), [started, values]);
  const comparable = useMemo(
    () => (checked?.success ? comparablePapers(doc, checked.data.meetingDate) : []),
    [doc, checked],
  );
  // A paper chosen before the meeting date moved earlier than it is no longer one to compare with.
  const chosen = checked?.success ? checked.data.baselinePaperId : undefined;
  const baselinePaperId = chosen !== undefined && comparable.some((paper) => paper.id === chosen) ? chosen : undefined;
  // The plan's figures change with the plan, the meeting, the board or the sections, not with the words typed:
  // they follow the scope as one piece of text, after the screen has answered the change, so typing a date or
  // ticking a section stays quick. Figures already worked out for the scope are shown at once; otherwise the
  // screen opens with the form and the figures follow.
  const scope = checked?.success ? paperScopeKey({ ...checked.data, baselinePaperId }) : null;
  const shownScope = useDeferredValue(scope, scope !== null && hasPaperFigures(doc, today, scope) ? scope : null);
  const figures = useMemo(
    () => (shownScope === null ? null : paperFiguresOnce(doc, today, shownScope)),
    [doc, today, shownScope],
  );
  const draft = checked?.success ? draftFor(doc, checked.data.board, checked.data.meetingDate) : null;
  const preview = useMemo(
    () => (checked?.success && figures ? buildPaperContent(doc, checked.data, today, figures) : null),
    [checked, doc, today, figures],
  );

  if (loadError)
    return (
      <p className="field-error" role="alert">
        The board paper templates could not be read: {loadError}
      </p>
    );
  if (!templates || !started) return <p className="loading">Loading the board paper templates…</p>;

  const problemFor = (field: string) =>
    (get<typeof form.formState.errors>(form.formState.errors, field) as FieldError | undefined)?.message;

  const issue = async () => {
    if (!draft) return;
    const confirmed = window.confirm(
      `Issue this paper to the ${draft.board} for ${formatPaperDate(draft.meetingDate)}?\n\n` +
        'Its meeting, board, words, the levels, statuses and completed actions it reports, and the checksums of its ' +
        'files are frozen: later papers compare with it, and it can only be withdrawn, not changed.',
    );
    if (!confirmed) return;
    const result = await onChange(() => api.issuePaper({ paperId: draft.id }));
    setDraftError(result.ok ? null : result.error.message);
    if (result.ok) setExporting({ kind: 'idle' });
  };
  const discard = async () => {
    if (!draft) return;
    const result = await onChange(() => api.discardDraftPaper({ paperId: draft.id }));
    setDraftError(result.ok ? null : result.error.message);
    if (result.ok) setExporting({ kind: 'idle' });
  };

  const runExport = form.handleSubmit(async (paper) => {
    setExporting({
      kind: 'running',
      what: [formats.word && 'Word briefing note', formats.excel && 'Excel workbook'].filter(Boolean).join(' and '),
    });
    const result = await api.exportBoardPaper({ templateId, paper, ...formats });
    if (result.ok) {
      setExporting({ kind: 'done', files: result.value.files });
      onExported(result.value.document);
    } else if (result.error.code === 'cancelled') {
      setExporting({ kind: 'idle' });
    } else {
      showApiError(form, result.error, ['paper']);
      setExporting({ kind: 'failed', error: result.error });
    }
  });

  return (
    <div className="paper-view">
      <form className="paper-form" aria-label="Board paper" onSubmit={(event) => void runExport(event)}>
        <h2>Prepare board paper</h2>
        <div className="paper-grid">
          <label>
            Template
            <select
              value={templateId}
              onChange={(event) => {
                const template = templates.find((candidate) => candidate.id === event.target.value);
                if (template) choose(template);
              }}
            >
              <Options items={templates} value={(template) => template.id} label={(template) => template.name} />
            </select>
          </label>
          <label>
            Meeting date
            <input type="date" {...form.register('meetingDate')} />
            {problemFor('meetingDate') && <span className="field-error">{problemFor('meetingDate')}</span>}
          </label>
          <label className="wide">
            To (board)
            <input {...form.register('board')} />
            {problemFor('board') && <span className="field-error">{problemFor('board')}</span>}
          </label>
          <label>
            Heading
            <select {...form.register('subjectLabel')}>
              <Options items={SUBJECT_LABELS} value={(label) => label} label={(label) => `${label}:`} />
            </select>
          </label>
          <label>
            {values.subjectLabel}
            <input {...form.register('subject')} />
            {problemFor('subject') && <span className="field-error">{problemFor('subject')}</span>}
          </label>
          <label className="wide">
            Compare with:
            <select {...form.register('baselinePaperId', { setValueAs: (value: string) => value || undefined })}>
              <option value="">The last paper issued to this board before this meeting</option>
              <Options
                items={comparable}
                value={(paper) => paper.id}
                label={(paper) => `${paper.board}, ${formatPaperDate(paper.meetingDate)}`}
              />
            </select>
          </label>
          <label className="wide">
            1 Purpose of the note <span className="hint">(a blank line between paragraphs)</span>
            <textarea rows={4} {...form.register('purposeText')} />
            {problemFor('purpose') && <span className="field-error">{problemFor('purpose')}</span>}
          </label>
          <label className="wide">
            2 Recommendations: introduction
            <input {...form.register('recommendationsIntro')} />
          </label>
          <label className="wide">
            Recommendations <span className="hint">(a blank line between them; numbered for you)</span>
            <textarea rows={5} {...form.register('recommendationsText')} />
            {problemFor('recommendations') && <span className="field-error">{problemFor('recommendations')}</span>}
          </label>
        </div>
        <NarrativeSections control={form.control as never} register={form.register as never} firstNumber={3} />
        <ExtraAppendices control={form.control as never} register={form.register as never} />
        <fieldset className="paper-sections">
          <legend>{3 + values.narrative.length} Progress summary and appendix</legend>
          {(Object.keys(SECTION_LABELS) as (keyof PaperSections)[]).map((key) => (
            <label key={key} className="checkbox">
              <input type="checkbox" {...form.register(`sections.${key}`)} />
              {SECTION_LABELS[key]}
            </label>
          ))}
        </fieldset>
        {values.authors.length > 0 && (
          <p className="hint">
            Authors:{' '}
            {values.authors.map((author) => [author.name, author.jobTitle].filter(Boolean).join(', ')).join('; ')}
          </p>
        )}
        <div className="paper-export">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={formats.word}
              onChange={(event) => setFormats({ ...formats, word: event.target.checked })}
            />
            Word briefing note (.docx)
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={formats.excel}
              onChange={(event) => setFormats({ ...formats, excel: event.target.checked })}
            />
            Excel workbook of the plan (.xlsx)
          </label>
          <button
            type="submit"
            className="primary"
            disabled={exporting.kind === 'running' || (!formats.word && !formats.excel)}
          >
            {exporting.kind === 'running' ? 'Exporting…' : 'Export…'}
          </button>
        </div>
        {exporting.kind === 'running' && (
          <p className="progress" role="status">
            <progress aria-label="Export progress" /> Writing the {exporting.what}…
          </p>
        )}
        {exporting.kind === 'failed' && (
          <p className="field-error" role="alert">
            {exporting.error.message}
          </p>
        )}
        {draft && (
          <div className="paper-draft" role="region" aria-label="Draft paper">
            <p>
              <strong>
                Draft for {draft.board}, {formatPaperDate(draft.meetingDate)}:
              </strong>{' '}
              exported {when(draft.producedAt)}
            </p>
            <div className="paper-draft-actions">
              <button type="button" className="primary" onClick={() => void issue()}>
                Issue to the board
              </button>
              <button type="button" onClick={() => void discard()}>
                Discard draft
              </button>
            </div>
            {draftError && (
              <p className="field-error" role="alert">
                {draftError}
              </p>
            )}
          </div>
        )}
        {exporting.kind === 'done' && (
          <div className="exported" role="status">
            <p>Saved as the draft for this meeting; exporting again replaces the draft:</p>
            <ul>
              {exporting.files.map((file) => (
                <li key={file}>
                  <code>{file}</code>{' '}
                  {window.api && (
                    <button type="button" className="link" onClick={() => void api.revealFile({ path: file })}>
                      Show in folder
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </form>
      <PaperPreview preview={preview} figures={figures} valid={checked?.success ?? false} />
    </div>
  );
}

interface PaperPreviewProps {
  preview: ReturnType<typeof buildPaperContent> | null;
  /** The plan's part as worked out once: the same object while only the words change, so its lists are not redrawn. */
  figures: PaperFigures | null;
  valid: boolean;
}

function PaperPreview({ preview, figures, valid }: PaperPreviewProps) {
  if (!preview || !figures)
    return (
      <aside className="paper-preview" role="status">
        {valid ? 'Working out the figures from the plan…' : 'Fix the highlighted fields to see the preview.'}
      </aside>
    );
  return (
    // Focusable because it scrolls on its own: keyboard users scroll it with the arrow keys.
    <aside className="paper-preview" aria-label="Preview of the progress summary" tabIndex={0}>
      <p className="preview-head">
        <strong>To:</strong> {preview.header.to}
        <br />
        <strong>Date:</strong> {preview.header.dateText}
        <br />
        <strong>{preview.header.subjectLabel}:</strong> {preview.header.subject}
      </p>
      {preview.appendices.length > 0 && (
        <p className="hint">
          Appendices:{' '}
          {preview.appendices
            .map((item) => `${item.label}: ${item.title}${item.note ? ` (${item.note})` : ''}`)
            .join('; ')}
        </p>
      )}
      {preview.narrative.map((section) => (
        <section key={section.number} className="preview-narrative">
          <h3>
            {section.number} {section.title}
          </h3>
          {section.paragraphs.map((paragraph, index) =>
            paragraph.bullet ? (
              <p key={index} className="preview-bullet">
                • {paragraph.text}
              </p>
            ) : (
              <p key={index}>
                {paragraph.number} {paragraph.text}
              </p>
            ),
          )}
        </section>
      ))}
      <PreviewFigures figures={figures} appendixLabel={preview.appendix?.label ?? ''} />
    </aside>
  );
}

/** The lists from the plan: unchanged while only the words of the front page change, so not drawn again then. */
const PreviewFigures = memo(function PreviewFigures({
  figures: { previousPaper, progress, appendix },
  appendixLabel,
}: {
  figures: PaperFigures;
  /** The appendix's number follows the author's own appendices, so it is the paper's, not the figures'. */
  appendixLabel: string;
}) {
  return (
    <>
      <p className="hint">
        {previousPaper
          ? `Compares with the paper issued to the ${previousPaper.board} for ${previousPaper.meetingDateText}.`
          : 'This is the first paper: movement is shown from the next one on.'}
      </p>
      {progress?.matrix && (
        <table className="preview-table">
          <caption>Maturity matrix</caption>
          <TableHead columns={['Area', 'Level', 'Since last paper']} />
          <tbody>
            {progress.matrix.rows.map((row) => (
              <tr key={row.areaId}>
                <th scope="row">{row.areaName}</th>
                <td>{row.level === null ? 'Not assessed' : `${row.level} ${row.levelName ?? ''}`}</td>
                <td className={`movement-${row.movement}`}>{row.movementText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {progress?.counts && (
        <p>{progress.counts.byStatus.map((count) => `${count.label}: ${count.count}`).join(' · ')}</p>
      )}
      {progress?.measures && <PreviewMeasures rows={progress.measures} />}
      {progress?.completedSinceLast && (
        <PreviewList title="Completed since the last paper" items={progress.completedSinceLast} />
      )}
      {progress?.overdue && <PreviewList title="Overdue" items={progress.overdue} />}
      {progress?.dueBeforeMeeting && <PreviewList title="Due before the meeting" items={progress.dueBeforeMeeting} />}
      {progress?.unreviewed && (
        <PreviewList
          title="Updates not yet reviewed"
          items={progress.unreviewed}
          extra={(item) => `${item.count} update${item.count === 1 ? '' : 's'}`}
        />
      )}
      {appendix && (
        <p className="hint">
          {appendixLabel}: {appendix.title} ({appendix.groups.reduce((total, group) => total + group.rows.length, 0)}{' '}
          actions)
        </p>
      )}
    </>
  );
});

function PreviewMeasures({ rows }: { rows: MeasureRow[] }) {
  if (rows.length === 0) {
    return (
      <section>
        <h3>Measures</h3>
        <p className="hint">The plan has no measures yet.</p>
      </section>
    );
  }
  return (
    <table className="preview-table preview-measures">
      <caption>Measures</caption>
      <TableHead columns={['Measure', 'Latest', 'Target', 'Trend', 'Baseline']} />
      <tbody>
        {rows.map((row) => (
          <tr key={row.measureId}>
            <th scope="row">{row.name}</th>
            <td>
              {row.latest ? (
                <>
                  {row.latest.valueText} <span className="hint">{row.latest.dateText}</span>
                </>
              ) : (
                <span className="hint">No figures yet</span>
              )}
            </td>
            <td>
              <span className="nowrap">{row.targetText}</span>
              <span className={`verdict ${row.met === null ? 'hint' : row.met ? 'met-text' : 'not-met-text'}`}>
                {row.metText}
              </span>
            </td>
            <td className={`trend-${row.trend}`}>{row.trendText}</td>
            <td>
              {row.baseline ? (
                <>
                  {row.baseline.valueText} <span className="hint">{row.baseline.dateText}</span>
                </>
              ) : (
                <span className="hint">None set</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface PreviewItem {
  actionId: string;
  number: string;
  description: string;
  leads: string[];
}

function PreviewList<T extends PreviewItem>({
  title,
  items,
  extra,
}: {
  title: string;
  items: T[];
  extra?: (item: T) => string;
}) {
  return (
    <section>
      <h3>
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.actionId}>
              <strong>{item.number}</strong> {item.description}{' '}
              <span className="hint">— {item.leads.join(', ') || 'no lead'}</span>
              {extra && (
                <>
                  {' '}
                  <span className="preview-extra">· {extra(item)}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
