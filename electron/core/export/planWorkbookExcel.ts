import * as ExcelJSModule from 'exceljs';
import type { IsoDate } from '../../../shared/model/primitives';

/**
 * exceljs is CommonJS. Node's ESM loader (tsx, vitest) exposes it only as the default export, while a
 * bundler may hand over the named exports: accept either so the same code runs everywhere.
 */
const ExcelJS: typeof ExcelJSModule =
  (ExcelJSModule as unknown as { default?: typeof ExcelJSModule }).default ?? ExcelJSModule;

export default ExcelJS;

/** How every exported date column shows its dates: 31 May 2016, as the app does. */
export const DATE_FORMAT = 'd mmm yyyy';

/** Excel dates are calendar dates: midnight UTC, so no time zone can move them a day. */
export function excelDate(iso: IsoDate | null): Date | null {
  if (!iso) return null;
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}
