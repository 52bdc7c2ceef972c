import * as ExcelJSModule from 'exceljs';

/**
 * exceljs is CommonJS. Node's ESM loader (tsx, vitest) exposes it only as the default export, while a
 * bundler may hand over the named exports: accept either so the same code runs everywhere.
 */
const ExcelJS: typeof ExcelJSModule =
  (ExcelJSModule as unknown as { default?: typeof ExcelJSModule }).default ?? ExcelJSModule;

export default ExcelJS;
