import { dirname, join } from 'node:path';
import { ZodError } from 'zod';
import { apiContract } from '../../shared/api/contract';
import type { ApiError, ApiOutput, ApiParsedInput, ApiResult, AppState } from '../../shared/api/contract';
import type { ApiMethod } from '../../shared/api/methods';
import { API_METHODS } from '../../shared/api/methods';
import { DomainError } from '../../shared/domain/errors';
import { isoDateOf } from '../../shared/domain/derived';
import * as operations from '../../shared/domain/operations';
import * as records from '../../shared/domain/planRecords';
import { changeIdsSince, invertRecords, recordsChanged, revertChanges, revertRecords } from '../../shared/domain/undo';
import type { RecordsChange } from '../../shared/domain/undo';
import type { EditContext } from '../../shared/domain/operations';
import { EditConflictError, rebaseEdit } from '../../shared/domain/basedOn';
import type { BasedOn, RecordEditInput, RecordEditMethod } from '../../shared/domain/basedOn';
import { diffPlan } from '../../shared/domain/delta';
import type { PlanDelta } from '../../shared/domain/delta';
import type { PlanDocument } from '../../shared/model/plan';
import { splitPlan } from '../../shared/model/planParts';
import { firstActions } from '../../shared/domain/firstActions';
import { describeProblems, fieldProblems } from '../../shared/model/validationIssues';
import { PlanFileError } from './planFileError';
import { PlanStore, StoreConflictError } from './planStore';
import { discardDraft, issuePaper, saveDraft, withdrawPaper } from '../../shared/domain/papers';
import type { PaperActor } from '../../shared/domain/papers';
import { exportBoardPaper } from './export/boardPaperExport';
import { loadPaperTemplates } from './export/boardPaperTemplates';
import { writeMyActionsWorkbook } from './export/myActionsWorkbook';
import { fileExists, writeBesideEarlier } from './export/exportFiles';
import { blankPlan } from '../../shared/domain/blankPlan';
import { actionsLedBy } from '../../shared/domain/beforeBoard';
import { applyWorkbookChanges, previewWorkbookImport } from './import/planWorkbookImport';
import { toImportPreview } from './import/importPreview';
import type { PreferencesStore } from './preferencesStore';
import { defaultLeads, returnsTracker, startDataCall } from '../../shared/domain/dataCall';
import { applyDataCallReturn } from '../../shared/domain/dataCallReturn';
import { readDataCallReturn, writeChaseDrafts, writeDataCallFiles } from './dataCall/dataCallFiles';
import { toReturnPreview } from './dataCall/returnPreview';

export interface HandlerDeps {
  store: PlanStore;
  demoDocument: () => PlanDocument;
  user: string;
  preferences: PreferencesStore;
  clock?: () => Date;
  newId?: () => string;
  /**
   * Whether a request may name a file path. Only the browser harness (a development and test tool with no
   * dialogs) says yes. On the desktop a path comes only from the main process's own dialogs or lists, so a
   * page that was tricked into running script cannot make the app read or write a file of its choosing.
   */
  acceptsPathsFromPage?: boolean;
  /** The desktop shows a file dialog; the browser harness has none and must be given a path. */
  pickDataFile?: () => Promise<string | null>;
  pickSavePath?: (suggestedName: string) => Promise<string | null>;
  /** Where board-paper templates live: in the app's own folder, so it is passed in by each shell. */
  templatesDir: string;
  /** The desktop asks where to put a paper; the harness writes beside the data file. */
  pickExportFolder?: () => Promise<string | null>;
  /** Shows a file in the system's file manager; the browser has none. */
  revealFile?: (path: string) => void;
}

/** A handler takes an untrusted payload, so its input is `unknown` until the contract's schema has read it. */
export type Handlers = { [K in ApiMethod]: (input: unknown) => Promise<ApiResult<ApiOutput<K>>> };

class CancelledError extends Error {}

function toApiError(error: unknown): ApiError {
  if (error instanceof EditConflictError) {
    return {
      code: 'conflict',
      message: error.message,
      problems: error.conflicts.map((conflict) => ({ field: conflict.field, reason: error.message })),
      conflicts: error.conflicts,
      revision: error.revision,
    };
  }
  if (error instanceof ZodError) {
    const problems = fieldProblems(error);
    return { code: 'invalid_input', message: `Some values are not valid: ${describeProblems(problems)}.`, problems };
  }
  if (error instanceof DomainError) {
    return {
      code: error.code,
      message: error.message,
      problems: error.field ? [{ field: error.field, reason: error.message }] : [],
    };
  }
  if (error instanceof PlanFileError) {
    return { code: 'store_unavailable', message: error.message, problems: error.problems };
  }
  if (error instanceof CancelledError) return { code: 'cancelled', message: 'Cancelled.', problems: [] };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong: ${message}`, problems: [] };
}

/** The named operations of the app, each validating its input and answering with a typed result. */
export function createHandlers(
  deps: HandlerDeps,
): Handlers & { close: () => Promise<void>; openRecent: (path: string) => Promise<ApiResult<AppState>> } {
  let store = deps.store;
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());

  /**
   * Who is making a change: the person this computer user chose from the plan's People, with the login
   * kept beside the name. Every record that says who did something takes it from here. Until someone is
   * chosen (the app asks on first use) a record names the login, as records made before People did.
   */
  const actor = async (): Promise<{ by: string; byPersonId?: string; login: string }> => {
    const doc = store.document();
    const personId = doc && (await deps.preferences.get()).identities[doc.plan.id];
    const person = doc?.people.find((candidate) => candidate.id === personId);
    return person ? { by: person.name, byPersonId: person.id, login: deps.user } : { by: deps.user, login: deps.user };
  };
  const editContext = async (): Promise<EditContext> => ({ now: clock().toISOString(), ...(await actor()), newId });
  /** Who issued or withdrew a paper, in the paper record's own shape. */
  const paperActor = async (): Promise<PaperActor> => {
    return { now: clock().toISOString(), by: operations.asRecordedBy(await actor()) };
  };
  const requireDocument = (doc = store.document()): PlanDocument => {
    if (doc === null)
      throw new PlanFileError(store.path, 'invalid_data', 'No plan is open: the data file was refused.');
    return doc;
  };
  /** The plan as the file holds it once the edits made so far are written: what a file made for others shows. */
  const savedDocument = async (): Promise<PlanDocument> => {
    await store.settled();
    return requireDocument(store.savedDocument());
  };
  const state = (): AppState => ({
    store: store.status(),
    document: store.document(),
    revision: store.revision(),
    today: isoDateOf(clock()),
    user: deps.user,
    historyRevision: store.revision(),
    actionsRevision: store.revision(),
  });
  // Only files this run wrote may be shown in the file manager: a path from the page is never trusted.
  const exportedFiles = new Set<string>();

  // Undo and redo cover the edits made in this run of the app, newest first. Each entry is what one
  // save did: the changes it logged (action edits) and the parts outside the log it changed (matrix,
  // assessments, measures), and the revision it made. Redo takes back an undo, so it too is a revert.
  interface HistoryUnit {
    changeIds: string[];
    records: RecordsChange | null;
    revision: number;
    /** For an undo or redo: the entry it took back, and the list it came from. */
    reverts?: { unit: HistoryUnit; from: 'undo' | 'redo' };
  }
  const history: Record<'undo' | 'redo', HistoryUnit[]> = { undo: [], redo: [] };
  const forgetHistory = () => {
    history.undo = [];
    history.redo = [];
  };
  /**
   * An edit the file refused is no longer in the plan: undoing it would revert something that never was.
   * An undo or redo the file refused puts back the entry it took, newest last, since that edit still stands.
   */
  const dropRefused = () => {
    for (const direction of ['undo', 'redo'] as const) {
      const dropped = history[direction].filter((unit) => store.dropped(unit.revision));
      if (dropped.length === 0) continue;
      history[direction] = history[direction].filter((unit) => !dropped.includes(unit));
      for (const { reverts } of dropped.reverse()) {
        if (reverts && !store.dropped(reverts.unit.revision)) history[reverts.from].push(reverts.unit);
      }
    }
  };

  /** The plan as an edit sees it: the document, the context of the edit and the revision it is applied to. */
  type Change = (doc: PlanDocument, ctx: EditContext, revision: number) => PlanDocument;

  /** Runs a change and returns what it changed (the delta the page is sent) with what the save did, for undo. */
  const saveTracked = async (change: Change) => {
    let logLength = 0;
    let records: RecordsChange | null = null;
    let from = 0;
    const ctx = await editContext();
    const saved = await store.save((doc, revision) => {
      from = revision;
      logLength = doc.updateLog.length;
      const next = change(doc, ctx, revision);
      records = recordsChanged(doc, next);
      return next;
    });
    const delta: PlanDelta = diffPlan(saved.before, saved.after, from, saved.revision);
    const unit: HistoryUnit = { changeIds: changeIdsSince(saved.after, logLength), records, revision: saved.revision };
    return { delta, unit };
  };
  const isEmpty = (unit: HistoryUnit) => unit.changeIds.length === 0 && unit.records === null;

  /**
   * Saves an edit; an edit that changed anything undo can put back becomes the next thing undo takes back.
   * An edit of a record that no longer exists is refused by the change itself, so creates and deletes need
   * no more than that; edits of a record's fields are rebased first (see rebaseEdit).
   */
  const edit = async (change: Change) => {
    const { delta, unit } = await saveTracked(change);
    // Refused entries go first, so one put back can never land above this newer edit.
    dropRefused();
    if (!isEmpty(unit)) {
      history.undo.push(unit);
      history.redo = [];
    }
    return delta;
  };
  /** An edit of one record's fields, applied to the plan as it is now given what the page saw (see rebaseEdit). */
  const editRecord = <M extends RecordEditMethod>(
    method: M,
    input: RecordEditInput<M> & { basedOn?: BasedOn | undefined },
    apply: (doc: PlanDocument, ctx: EditContext, input: RecordEditInput<M>) => PlanDocument,
  ) => edit((doc, ctx, revision) => apply(doc, ctx, rebaseEdit(method, doc, input, input.basedOn, revision)));
  const replay = async (direction: 'undo' | 'redo') => {
    dropRefused();
    const from = history[direction];
    const unit = from.at(-1);
    if (unit === undefined)
      throw new DomainError(
        'invalid',
        direction === 'undo' ? 'There is nothing to undo.' : 'There is nothing to redo.',
      );
    try {
      const { delta, unit: reverse } = await saveTracked((doc, ctx) => {
        const reverted = unit.records ? revertRecords(doc, unit.records) : doc;
        return revertChanges(reverted, unit.changeIds, ctx);
      });
      from.pop();
      const back = {
        changeIds: reverse.changeIds,
        records: unit.records && invertRecords(unit.records),
        revision: reverse.revision,
        reverts: { unit, from: direction },
      };
      if (!isEmpty(back)) history[direction === 'undo' ? 'redo' : 'undo'].push(back);
      return delta;
    } catch (error) {
      // A change that can no longer be taken back would block every older one behind it.
      if (error instanceof DomainError) from.pop();
      throw error;
    }
  };

  /** A path the request names, refused unless this shell takes paths from the page (the harness). */
  const pathFromPage = (given: string | undefined, field: string, chooseWith: string): string | undefined => {
    if (given !== undefined && !deps.acceptsPathsFromPage) {
      throw new DomainError(
        'invalid',
        `For safety the app only uses a file or folder chosen in its own ${chooseWith} window.`,
        field,
      );
    }
    return given;
  };

  /** Where exports go: the folder asked for (harness), else the desktop's choice, else beside the data file. */
  const exportFolder = async (folder: string | undefined): Promise<string | null> =>
    pathFromPage(folder, 'folder', '"Choose where to save"') ??
    (deps.pickExportFolder ? deps.pickExportFolder() : join(dirname(store.path), 'board-papers'));

  /** Switches to another plan file: the old one's lock is released and its undo history forgotten. */
  const openPlanFile = async (path: string, initial: () => PlanDocument) => {
    const previous = store;
    store = await PlanStore.open(path, initial, previous.options);
    await previous.close();
    forgetHistory();
    await deps.preferences.update((current) => ({
      ...current,
      recentFiles: [path, ...current.recentFiles.filter((file) => file !== path)].slice(0, 10),
    }));
    return state();
  };

  const implementations: { [K in ApiMethod]: (input: ApiParsedInput<K>) => Promise<ApiOutput<K>> | ApiOutput<K> } = {
    getState: () => state(),
    getWorkingState: () => {
      const { document, ...rest } = state();
      if (document === null) return { ...rest, document, historyRevision: null };
      const first = firstActions(document);
      const whole = first.length === document.actions.length;
      return {
        ...rest,
        document: { ...splitPlan(document).workingSet, actions: first },
        historyRevision: null,
        actionsRevision: whole ? rest.actionsRevision : null,
      };
    },
    getPlanActions: () => ({ revision: store.revision(), actions: store.document()?.actions ?? null }),
    getPlanHistory: () => {
      const document = store.document();
      return { revision: store.revision(), history: document && splitPlan(document).history };
    },
    createAction: ({ action }) => edit((doc, ctx) => operations.createAction(doc, action, ctx).doc),
    updateAction: (input) =>
      editRecord(
        'updateAction',
        input,
        (doc, ctx, { id, changes }) => operations.updateAction(doc, id, changes, ctx).doc,
      ),
    deleteAction: ({ id }) => edit((doc, ctx) => operations.deleteAction(doc, id, ctx)),
    recordAssessment: ({ assessment }) => edit((doc, ctx) => operations.recordAssessment(doc, assessment, ctx).doc),
    correctAssessment: ({ correction }) => edit((doc, ctx) => records.correctAssessment(doc, correction, ctx)),
    withdrawAssessment: ({ withdrawal }) => edit((doc, ctx) => records.withdrawAssessment(doc, withdrawal, ctx)),
    setDescriptor: ({ change }) => edit((doc) => records.setDescriptor(doc, change)),
    savePerson: (input) =>
      editRecord('savePerson', input, (doc, ctx, { person }) => operations.savePerson(doc, person, ctx).doc),
    updatePlanInfo: (input) =>
      editRecord('updatePlanInfo', input, (doc, _ctx, { changes }) => operations.updatePlanInfo(doc, changes)),
    openDataFile: async ({ path }) => {
      const chosen = pathFromPage(path, 'path', 'Open') ?? (await deps.pickDataFile?.());
      if (chosen === undefined) throw new DomainError('invalid', 'Give the path of the data file to open.', 'path');
      if (chosen === null) throw new CancelledError();
      return openPlanFile(chosen, deps.demoDocument);
    },
    newPlan: async ({ path, title, preset }) => {
      const chosen = pathFromPage(path, 'path', 'Save') ?? (await deps.pickSavePath?.(`${title}.json`));
      if (chosen === undefined) throw new DomainError('invalid', 'Give the path of the new plan file.', 'path');
      if (chosen === null) throw new CancelledError();
      if (await fileExists(chosen)) {
        throw new DomainError(
          'conflict',
          `${chosen} already exists; a new plan is never written over another file.`,
          'path',
        );
      }
      const blank = blankPlan({ id: newId(), title, today: isoDateOf(clock()), preset });
      return openPlanFile(chosen, () => blank);
    },
    exportMyActions: async ({ person, folder }) => {
      const doc = await savedDocument();
      const chosen = await exportFolder(folder);
      if (chosen === null) throw new CancelledError();
      const bytes = await writeMyActionsWorkbook(person, actionsLedBy(doc, person, isoDateOf(clock())), doc.plan.title);
      const file = await writeBesideEarlier(chosen, `${isoDateOf(clock())} ${person} - my actions`, 'xlsx', bytes);
      exportedFiles.add(file);
      return { files: [file] };
    },
    restoreBackup: async () => {
      await store.restoreBackup(deps.demoDocument, clock());
      forgetHistory();
      return state();
    },
    saveCopy: async ({ path }) => {
      const doc = requireDocument();
      const fromPage = pathFromPage(path, 'path', 'Save');
      // The save dialog has already asked before replacing a file; a path typed into the page has not.
      if (fromPage !== undefined && (await fileExists(fromPage))) {
        throw new DomainError(
          'conflict',
          `${fromPage} already exists; a copy is never saved over another file. Choose a new name.`,
          'path',
        );
      }
      const chosen = fromPage ?? (await deps.pickSavePath?.(`${doc.plan.title}.json`));
      if (chosen === undefined) throw new DomainError('invalid', 'Give the path to save the copy to.', 'path');
      if (chosen === null) throw new CancelledError();
      return { path: await store.exportWholePlan(chosen) };
    },
    listBackups: () => store.listBackups(),
    restoreFrom: async ({ path }) => {
      await store.restoreFrom(path);
      forgetHistory();
      return state();
    },
    reloadPlan: async () => {
      await store.reload();
      forgetHistory();
      return state();
    },
    takeOverLock: async ({ holder }) => {
      await store.takeOverLock(holder);
      forgetHistory();
      return state();
    },
    listPaperTemplates: () => loadPaperTemplates(deps.templatesDir),
    exportBoardPaper: async ({ templateId, paper, word, excel, folder }) => {
      const template = (await loadPaperTemplates(deps.templatesDir)).find((candidate) => candidate.id === templateId);
      if (!template)
        throw new DomainError('not_found', `No board paper template has id "${templateId}".`, 'templateId');
      const chosen = await exportFolder(folder);
      if (chosen === null) throw new CancelledError();
      const ctx = await editContext();
      const { files, record } = await exportBoardPaper(await savedDocument(), {
        template,
        templatesDir: deps.templatesDir,
        paper,
        word,
        excel,
        folder: chosen,
        today: isoDateOf(clock()),
        now: ctx.now,
        newId: ctx.newId,
      });
      files.forEach((file) => exportedFiles.add(file));
      const document = await store.update((doc) => saveDraft(doc, record));
      return { files, document };
    },
    // A paper's issue, discard or withdrawal is a decision about what the board was sent, not an edit of the
    // plan: undo does not take it back (withdrawing is how an issued paper is taken back).
    issuePaper: async ({ paperId }) => {
      // The paper issued is the plan the file holds: no edit the disk may yet refuse is in its snapshot.
      await store.settled();
      const by = await paperActor();
      return (await saveTracked((doc) => issuePaper(doc, paperId, by))).delta;
    },
    discardDraftPaper: async ({ paperId }) => (await saveTracked((doc) => discardDraft(doc, paperId))).delta,
    withdrawPaper: async ({ paperId, reason }) => {
      const by = await paperActor();
      return (await saveTracked((doc) => withdrawPaper(doc, paperId, reason, by))).delta;
    },
    revealFile: ({ path }) => {
      if (!exportedFiles.has(path))
        throw new DomainError('invalid', 'Only a file this app has just exported can be shown.', 'path');
      if (!deps.revealFile) return { shown: false };
      deps.revealFile(path);
      return { shown: true };
    },
    previewWorkbookImport: async ({ fileName, base64 }) =>
      toImportPreview(fileName, await previewWorkbookImport(requireDocument(), Buffer.from(base64, 'base64'))),
    applyWorkbookImport: async ({ base64, expectedChanges }) => {
      const bytes = Buffer.from(base64, 'base64');
      // Read again against the plan as it is now; applying checks each previewed old value still holds.
      const set = await previewWorkbookImport(requireDocument(), bytes);
      if (set.changes.length !== expectedChanges) {
        throw new DomainError(
          'conflict',
          'The plan has changed since the preview; preview the workbook again before importing.',
        );
      }
      const ctx = await editContext();
      return store.update((doc) => applyWorkbookChanges(doc, set, ctx));
    },
    getHistory: () => {
      dropRefused();
      return { canUndo: history.undo.length > 0, canRedo: history.redo.length > 0 };
    },
    whenSaved: async ({ revision }) => {
      try {
        return await store.whenSaved(revision);
      } catch (error) {
        // Saved all the same: the page is told so, with where the other program's version was kept.
        if (error instanceof StoreConflictError && error.kind === 'kept_displaced')
          return { saved: true as const, revision, notice: error.message };
        throw error;
      }
    },
    undo: () => replay('undo'),
    redo: () => replay('redo'),
    setStepsDone: ({ steps, done }) =>
      edit((doc, ctx) => {
        const byAction = new Map<string, string[]>();
        for (const { actionId, stepId } of steps) byAction.set(actionId, [...(byAction.get(actionId) ?? []), stepId]);
        return [...byAction].reduce(
          (next, [actionId, stepIds]) => operations.setStepsDone(next, actionId, stepIds, done, ctx).doc,
          doc,
        );
      }),
    recordReview: ({ review }) => edit((doc, ctx) => records.recordReview(doc, review, ctx)),
    saveMeasure: (input) =>
      editRecord('saveMeasure', input, (doc, ctx, { measure }) => records.saveMeasure(doc, measure, ctx)),
    addMeasureValue: ({ point }) => edit((doc, ctx) => records.addMeasureValue(doc, point, ctx)),
    correctMeasureValue: ({ correction }) => edit((doc, ctx) => records.correctMeasureValue(doc, correction, ctx)),
    withdrawMeasureValue: ({ withdrawal }) => edit((doc, ctx) => records.withdrawMeasureValue(doc, withdrawal, ctx)),
    deleteMeasure: ({ id }) => edit((doc) => records.deleteMeasure(doc, id)),
    getPreferences: () => deps.preferences.get(),
    setPreferences: ({ changes }) => deps.preferences.update((current) => ({ ...current, ...changes })),
    startDataCall: async ({ meetingDate, returnBy, message, leads, board, folder }) => {
      const doc = await savedDocument();
      const today = isoDateOf(clock());
      const chosen = await exportFolder(folder);
      if (chosen === null) throw new CancelledError();
      const ctx = await editContext();
      const request = {
        board: board ?? doc.plan.boards[0] ?? 'board',
        meetingDate,
        returnBy,
        message,
        leads: leads ?? defaultLeads(doc, today),
      };
      const recorded = { now: ctx.now, by: operations.asRecordedBy(ctx) };
      const { call } = startDataCall(doc, request, { ...recorded, newId: ctx.newId });
      // The files first: a call is recorded only once every lead's workbook and email draft are on disk.
      const files = await writeDataCallFiles(doc, call, chosen, today, clock());
      files.forEach((file) => exportedFiles.add(file));
      const document = await store.update(
        (current) => startDataCall(current, request, { ...recorded, newId: () => call.id }).doc,
      );
      return { files, dataCallId: call.id, document };
    },
    previewReturns: async ({ files }) => {
      const today = isoDateOf(clock());
      const previews = [];
      for (const { fileName, base64 } of files) {
        const found = await readDataCallReturn(requireDocument(), Buffer.from(base64, 'base64'), today);
        previews.push(toReturnPreview(fileName, found));
      }
      return previews;
    },
    applyReturn: async ({ dataCallId, fileName, base64, choices }) => {
      // Read again against the plan as it is now; applying checks each previewed old value still holds.
      const found = await readDataCallReturn(requireDocument(), Buffer.from(base64, 'base64'), isoDateOf(clock()));
      if (found.call !== null && found.call.id !== dataCallId)
        throw new DomainError('invalid', `"${fileName}" was sent with another data call; nothing was imported.`);
      const unsettled = found.conflicts.find((conflict) => choices[conflict.key] === undefined);
      if (unsettled) {
        throw new DomainError(
          'conflict',
          `Action ${unsettled.change.actionNumber} was also changed in the app since the call: choose which value to keep, then apply "${fileName}" again.`,
        );
      }
      const takeLead = new Set(Object.keys(choices).filter((key) => choices[key] === 'lead'));
      return edit((doc, ctx) => applyDataCallReturn(doc, found, takeLead, ctx));
    },
    chaseDrafts: async ({ dataCallId, folder }) => {
      const doc = await savedDocument();
      const today = isoDateOf(clock());
      const call = doc.dataCalls.find((candidate) => candidate.id === dataCallId);
      if (!call) throw new DomainError('not_found', 'That data call is no longer in the plan.', 'dataCallId');
      const { late } = returnsTracker(call, today);
      if (late.length === 0)
        throw new DomainError('invalid', 'No lead is late with their return, so there is no one to chase.');
      const chosen = await exportFolder(folder);
      if (chosen === null) throw new CancelledError();
      const files = await writeChaseDrafts(doc, call, late, chosen, today, clock());
      files.forEach((file) => exportedFiles.add(file));
      return { files };
    },
  };

  const entries = API_METHODS.map((method) => {
    const handle = async (input: unknown): Promise<ApiResult<unknown>> => {
      const parsed = apiContract[method].input.safeParse(input ?? {});
      if (!parsed.success) {
        const problems = fieldProblems(parsed.error);
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: `Some values are not valid: ${describeProblems(problems)}.`,
            problems,
          },
        };
      }
      try {
        const run = implementations[method] as (value: unknown) => unknown;
        return { ok: true, value: await run(parsed.data) };
      } catch (error) {
        return { ok: false, error: toApiError(error) };
      }
    };
    return [method, handle] as const;
  });
  // Not an API method: only the shell closes the plan, when the app quits.
  const close = () => store.close();
  // Not an API method either: the menu's "Open recent" names a file from the list this app keeps itself.
  const openRecent = async (path: string): Promise<ApiResult<AppState>> => {
    try {
      if (!(await deps.preferences.get()).recentFiles.includes(path)) {
        throw new DomainError('invalid', `${path} is not one of the recently opened plans.`, 'path');
      }
      return { ok: true, value: await openPlanFile(path, deps.demoDocument) };
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
  };
  return { ...(Object.fromEntries(entries) as unknown as Handlers), close, openRecent };
}
