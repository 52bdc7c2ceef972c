/**
 * Run as its own process (`node --import tsx importInChild.ts <file.xlsx> [plan size]`): previews the
 * import of the workbook into the demo plan (or a generated plan of that many actions) and prints the
 * number of problems and changes, the first problem and the process's peak memory as JSON. A test
 * or benchmark runs a hostile file this way so that, whatever the file does, its own process survives.
 */
import { readFile } from 'node:fs/promises';
import { demoDocument } from '../../electron/core/demoPlan';
import { previewWorkbookImport } from '../../electron/core/import/planWorkbookImport';
import { generatePlan } from './generatePlan';

const bytes = await readFile(process.argv[2]!);
const size = process.argv[3];
const set = await previewWorkbookImport(size ? generatePlan(Number(size)) : demoDocument(), bytes);
const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(
  `${JSON.stringify({ problems: set.problems.length, changes: set.changes.length, first: set.problems[0]?.reason ?? null, peakMb })}\n`,
);
process.exit(0);
