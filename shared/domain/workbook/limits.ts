/** Excel refuses cells longer than this. */
export const EXCEL_MAX_CELL_TEXT = 32_767;

/**
 * The most an import reads, so that a runaway or hostile workbook is refused with a message instead of
 * exhausting the app's memory (the whole import stays under 500 MB). A 6,000-action plan with 12,000 next
 * steps fits.
 */
export const IMPORT_LIMITS = {
  /** Bytes unpacked from the zip, counted while unpacking: a zip's own size fields can lie. */
  unzippedBytes: 40 * 1024 * 1024,
  /** Rows on any one sheet the importer reads ("_ids" has one row per action and per next step). */
  rowsPerSheet: 30_000,
  /** Cells on the sheets the importer reads, all together: what the parser's memory grows with. */
  cells: 300_000,
  /** Columns on a sheet the importer reads; the export uses 11. */
  columns: 100,
  /** Characters in one cell: Excel's own limit. */
  cellText: EXCEL_MAX_CELL_TEXT,
  /** Problems listed in the preview; the rest are counted. */
  problemsShown: 200,
} as const;
