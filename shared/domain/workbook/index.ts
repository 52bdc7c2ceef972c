/**
 * The Excel round trip, minus Excel: the workbook's layout (layout.ts), the text each exported cell holds
 * (cells.ts, text.ts), the hidden "_ids" sheet (idsSheet.ts), the diff that turns a workbook a lead edited
 * back into a reviewed list of changes (diff.ts, compare.ts) and applying it (apply.ts).
 */
export * from './apply';
export * from './cells';
export * from './changes';
export * from './diff';
export * from './layout';
export * from './limits';
export * from './parsed';
export * from './print';
export * from './sheetNames';
export * from './text';
