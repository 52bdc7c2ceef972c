/**
 * The names of the operations the renderer may call. Kept free of imports so the sandboxed preload can
 * bundle it without pulling in schemas.
 */
export const API_METHODS = [
  'getState',
  'createAction',
  'updateAction',
  'deleteAction',
  'recordAssessment',
  'correctAssessment',
  'withdrawAssessment',
  'setDescriptor',
  'savePerson',
  'updatePlanInfo',
  'openDataFile',
  'newPlan',
  'exportMyActions',
  'restoreBackup',
  'listBackups',
  'restoreFrom',
  'reloadPlan',
  'takeOverLock',
  'saveCopy',
  'listPaperTemplates',
  'exportBoardPaper',
  'revealFile',
  'previewWorkbookImport',
  'applyWorkbookImport',
  'getHistory',
  'undo',
  'redo',
  'setStepsDone',
  'recordReview',
  'saveMeasure',
  'addMeasureValue',
  'correctMeasureValue',
  'withdrawMeasureValue',
  'deleteMeasure',
  'getPreferences',
  'setPreferences',
  'startDataCall',
  'previewReturns',
  'applyReturn',
  'chaseDrafts',
] as const;
export type ApiMethod = (typeof API_METHODS)[number];

export const IPC_CHANNEL_PREFIX = 'plan:';
