import { z } from 'zod';
import {
  actionChangesSchema,
  actionDraftSchema,
  assessmentCorrectionSchema,
  assessmentDraftSchema,
  assessmentWithdrawalSchema,
  descriptorChangeSchema,
  measureDraftSchema,
  measurePointDraftSchema,
  measureValueCorrectionSchema,
  measureValueWithdrawalSchema,
  personDraftSchema,
  planInfoChangesSchema,
  reviewDraftSchema,
} from '../model/drafts';
import { preferencesChangesSchema, preferencesSchema } from '../model/preferences';
import { paperTemplateSchema } from '../model/boardPaper';
import { paperInputSchema } from '../domain/boardPaperContent';
import { planDocumentSchema } from '../model/plan';
import { planHistorySchema, planWorkingSetSchema } from '../model/planParts';
import { listedBackupSchema, lockHolderSchema, planFileProblemSchema, readOnlyStateSchema } from '../model/planFile';
import { importIssueSchema } from '../model/importIssue';
import { fieldProblemSchema } from '../model/validationIssues';
import { freeText, idSchema, isoDateSchema, nonEmptyText } from '../model/primitives';
import { DEFAULT_MATRIX_PRESET, matrixPresetIdSchema } from '../domain/matrixPresets';
import { basedOnSchema, editConflictSchema } from '../domain/basedOn';
import { planDeltaSchema } from '../domain/delta';
import type { ApiMethod } from './methods';

const readOnlySchema = readOnlyStateSchema.optional();

export const storeStatusSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ready'),
    path: z.string(),
    backupPath: z.string().nullable(),
    createdFromDemo: z.boolean(),
    readOnly: readOnlySchema,
  }),
  z.object({
    kind: z.literal('failed'),
    readOnly: readOnlySchema,
    path: z.string(),
    reason: planFileProblemSchema,
    message: z.string(),
    problems: z.array(fieldProblemSchema),
    backupPath: z.string().nullable(),
  }),
]);
export type StoreStatus = z.infer<typeof storeStatusSchema>;

export const appStateSchema = z.object({
  store: storeStatusSchema,
  document: planDocumentSchema.nullable(),
  /** The plan's revision in this run of the app: edits send it back to say what they were based on. */
  revision: z.number().int(),
  today: isoDateSchema,
  user: z.string(),
  /**
   * The revision the document's history (update log, papers, reviews, assessments, measures, data calls) was read at,
   * or null while the page has only the working set: those lists are then empty because they have not
   * arrived, not because the plan has none.
   */
  historyRevision: z.number().int().nullable(),
  /**
   * The revision all of the plan's actions were read at, or null while the page has only the first of them
   * (those the Action plan shows first): counts, filters and every view over all actions wait for the rest.
   */
  actionsRevision: z.number().int().nullable(),
});
export type AppState = z.infer<typeof appStateSchema>;

/**
 * What the page gets first: the state with the plan's working set, holding only the actions the Action plan
 * shows first when the plan has more (`actionsRevision: null`), so its rows show before the other actions
 * and the history.
 */
export const workingStateSchema = appStateSchema.extend({
  document: planWorkingSetSchema.nullable(),
  historyRevision: z.null(),
});
export type WorkingState = z.infer<typeof workingStateSchema>;

/** The plan's history as it was at `revision`; null when no plan is open. */
export const planHistoryAnswerSchema = z.object({
  revision: z.number().int(),
  history: planHistorySchema.nullable(),
});
export type PlanHistoryAnswer = z.infer<typeof planHistoryAnswerSchema>;

/** All of the plan's actions as they were at `revision`; null when no plan is open. */
export const planActionsAnswerSchema = z.object({
  revision: z.number().int(),
  actions: planWorkingSetSchema.shape.actions.nullable(),
});
export type PlanActionsAnswer = z.infer<typeof planActionsAnswerSchema>;

const none = z.object({}).strict();

/**
 * What an edit was based on. A page always sends it; a caller that holds no copy of the plan (a script)
 * may leave it out, and its edit applies to the plan as it is.
 */
const basedOn = { basedOn: basedOnSchema.optional() };

/** An edit of the plan: its named values and what it was based on in, what it changed (a delta) out. */
function planEdit<K extends string, S extends z.ZodType>(name: K, schema: S) {
  return planEditOf({ [name]: schema } as Record<K, S>);
}

/** An edit whose input has several named values. */
function planEditOf<T extends z.ZodRawShape>(shape: T) {
  return { input: z.object({ ...shape, ...basedOn }).strict(), output: planDeltaSchema };
}

/** One change a workbook would make, as a preview lists it: action (and step), field, old → new. */
export const previewedChangeSchema = z.object({
  actionNumber: z.string(),
  stepNo: z.string().nullable(),
  field: z.string(),
  old: z.string(),
  new: z.string(),
});
export type PreviewedChange = z.infer<typeof previewedChangeSchema>;

/** What an Excel import would do, shown before anything is written. */
export const importPreviewSchema = z.object({
  fileName: z.string(),
  planTitle: z.string().nullable(),
  changes: z.array(previewedChangeSchema.extend({ actionId: z.string(), sheet: z.string(), row: z.number().int() })),
  /** The first problems found; a workbook broken on every row would otherwise flood the screen. */
  problems: z.array(importIssueSchema),
  /** How many problems were found beyond those listed. */
  moreProblems: z.number().int().min(0),
  notices: z.array(importIssueSchema),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** Workbooks travel as base64 so the browser harness and the desktop send them the same way. */
const workbookUpload = {
  fileName: z.string().min(1).max(260),
  base64: z
    .string()
    .min(1)
    .max(60_000_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
};

/** A returned data-call workbook as the returns screen previews it, before anything is applied. */
export const returnPreviewSchema = z.object({
  fileName: z.string(),
  dataCallId: z.string().nullable(),
  lead: z.string().nullable(),
  changes: z.array(previewedChangeSchema),
  /** Fields changed by the lead and also in the app since the call: the secretary picks a side. */
  conflicts: z.array(
    z.object({
      key: z.string(),
      actionNumber: z.string(),
      stepNo: z.string().nullable(),
      field: z.string(),
      app: z.string(),
      lead: z.string(),
      changedBy: z.string(),
      changedAt: z.string(),
    }),
  ),
  measureValues: z.array(z.object({ measure: z.string(), date: isoDateSchema, value: z.number(), note: z.string() })),
  problems: z.array(importIssueSchema),
  moreProblems: z.number().int().min(0),
  notices: z.array(importIssueSchema),
});
export type ReturnPreview = z.infer<typeof returnPreviewSchema>;

/** Every operation's input and output: the one contract the preload bridge and the browser harness share. */
export const apiContract = {
  getState: { input: none, output: appStateSchema },
  getWorkingState: { input: none, output: workingStateSchema },
  getPlanActions: { input: none, output: planActionsAnswerSchema },
  getPlanHistory: { input: none, output: planHistoryAnswerSchema },
  createAction: planEdit('action', actionDraftSchema),
  updateAction: planEditOf({ id: idSchema, changes: actionChangesSchema }),
  deleteAction: planEdit('id', idSchema),
  recordAssessment: planEdit('assessment', assessmentDraftSchema),
  correctAssessment: planEdit('correction', assessmentCorrectionSchema),
  withdrawAssessment: planEdit('withdrawal', assessmentWithdrawalSchema),
  setDescriptor: planEdit('change', descriptorChangeSchema),
  savePerson: planEdit('person', personDraftSchema),
  updatePlanInfo: planEdit('changes', planInfoChangesSchema),
  openDataFile: { input: z.object({ path: z.string().min(1).max(4096).optional() }).strict(), output: appStateSchema },
  restoreBackup: { input: none, output: appStateSchema },
  newPlan: {
    input: z
      .object({
        path: z.string().min(1).max(4096).optional(),
        title: nonEmptyText(200).default('New action plan'),
        preset: matrixPresetIdSchema.default(DEFAULT_MATRIX_PRESET),
      })
      .strict(),
    output: appStateSchema,
  },
  exportMyActions: {
    input: z.object({ person: nonEmptyText(120), folder: z.string().min(1).max(4096).optional() }).strict(),
    output: z.object({ files: z.array(z.string()) }),
  },
  listBackups: {
    input: none,
    output: z.array(listedBackupSchema),
  },
  restoreFrom: { input: z.object({ path: z.string().min(1).max(4096) }).strict(), output: appStateSchema },
  reloadPlan: { input: none, output: appStateSchema },
  takeOverLock: { input: z.object({ holder: lockHolderSchema.nullable() }).strict(), output: appStateSchema },
  saveCopy: {
    input: z.object({ path: z.string().min(1).max(4096).optional() }).strict(),
    output: z.object({ path: z.string() }),
  },
  listPaperTemplates: { input: none, output: z.array(paperTemplateSchema) },
  exportBoardPaper: {
    input: z
      .object({
        templateId: idSchema,
        paper: paperInputSchema,
        word: z.boolean(),
        excel: z.boolean(),
        folder: z.string().min(1).max(4096).optional(),
      })
      .strict()
      .refine((request) => request.word || request.excel, { path: ['word'], error: 'choose Word, Excel or both' }),
    output: z.object({ files: z.array(z.string()), document: planDocumentSchema }),
  },
  issuePaper: planEdit('paperId', idSchema),
  discardDraftPaper: planEdit('paperId', idSchema),
  withdrawPaper: planEditOf({ paperId: idSchema, reason: nonEmptyText(1000) }),
  revealFile: {
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    output: z.object({ shown: z.boolean() }),
  },
  previewWorkbookImport: { input: z.object(workbookUpload).strict(), output: importPreviewSchema },
  applyWorkbookImport: {
    input: z.object({ ...workbookUpload, expectedChanges: z.number().int().min(1) }).strict(),
    output: planDocumentSchema,
  },
  getHistory: { input: none, output: z.object({ canUndo: z.boolean(), canRedo: z.boolean() }) },
  /**
   * Answers once the file holds the plan at `revision` (an edit's answer names it), or with the refusal that
   * dropped that edit: disk_full, disk_error, or a conflict (read-only now, or the file changed on disk).
   */
  whenSaved: {
    input: z.object({ revision: z.number().int() }).strict(),
    output: z.object({
      saved: z.literal(true),
      revision: z.number().int(),
      /** Saved, but another program's version of the file was kept aside meanwhile: says where. */
      notice: z.string().optional(),
    }),
  },
  undo: { input: none, output: planDeltaSchema },
  redo: { input: none, output: planDeltaSchema },
  setStepsDone: planEditOf({
    steps: z
      .array(z.object({ actionId: idSchema, stepId: idSchema }).strict())
      .min(1)
      .max(1000),
    done: z.boolean(),
  }),
  recordReview: planEdit('review', reviewDraftSchema),
  saveMeasure: planEdit('measure', measureDraftSchema),
  addMeasureValue: planEdit('point', measurePointDraftSchema),
  correctMeasureValue: planEdit('correction', measureValueCorrectionSchema),
  withdrawMeasureValue: planEdit('withdrawal', measureValueWithdrawalSchema),
  deleteMeasure: planEdit('id', idSchema),
  getPreferences: { input: none, output: preferencesSchema },
  setPreferences: { input: z.object({ changes: preferencesChangesSchema }).strict(), output: preferencesSchema },
  startDataCall: {
    input: z
      .object({
        meetingDate: isoDateSchema,
        returnBy: isoDateSchema,
        message: freeText(4000),
        /** Everyone leading open work when not given. */
        leads: z
          .array(z.object({ name: nonEmptyText(120), personId: idSchema.optional() }).strict())
          .min(1)
          .max(500)
          .optional(),
        board: nonEmptyText(200).optional(),
        folder: z.string().min(1).max(4096).optional(),
      })
      .strict(),
    output: z.object({ files: z.array(z.string()), dataCallId: z.string(), document: planDocumentSchema }),
  },
  previewReturns: {
    input: z.object({ files: z.array(z.object(workbookUpload).strict()).min(1).max(200) }).strict(),
    output: z.array(returnPreviewSchema),
  },
  applyReturn: {
    input: z
      .object({
        dataCallId: idSchema,
        ...workbookUpload,
        /** Each conflict's key: keep the app's value or take the lead's. */
        choices: z.record(z.string(), z.enum(['app', 'lead'])),
      })
      .strict(),
    output: planDeltaSchema,
  },
  chaseDrafts: {
    input: z.object({ dataCallId: idSchema, folder: z.string().min(1).max(4096).optional() }).strict(),
    output: z.object({ files: z.array(z.string()) }),
  },
} satisfies Record<ApiMethod, { input: z.ZodType; output: z.ZodType }>;
export type ApiContract = typeof apiContract;

export const apiErrorSchema = z.object({
  code: z.enum([
    'invalid_input',
    'not_found',
    'conflict',
    'invalid',
    'store_unavailable',
    'cancelled',
    'internal',
    'disk_full',
    'disk_error',
  ]),
  message: z.string(),
  problems: z.array(fieldProblemSchema),
  /** An edit refused because fields it changes were changed elsewhere: each with both values. */
  conflicts: z.array(editConflictSchema).optional(),
  /** The plan's revision when that edit was refused: "Keep mine" sends the edit again based on it. */
  revision: z.number().int().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export type ApiInput<K extends ApiMethod> = z.input<ApiContract[K]['input']>;
/** An input after the contract's schema has read it: defaults filled in. */
export type ApiParsedInput<K extends ApiMethod> = z.output<ApiContract[K]['input']>;
export type ApiOutput<K extends ApiMethod> = z.output<ApiContract[K]['output']>;

/** The typed surface the renderer sees, whichever transport carries it. */
export type Api = { [K in ApiMethod]: (input: ApiInput<K>) => Promise<ApiResult<ApiOutput<K>>> };

export function resultSchema<T extends z.ZodType>(output: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: output }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}
