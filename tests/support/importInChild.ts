/**
 * Run as its own process (`node --import tsx importInChild.ts <file.xlsx>`): previews the import of the
 * workbook into the demo plan and prints the first problem and the process's peak memory as JSON. A test
 * or benchmark runs a hostile file this way so that, whatever the file does, its own process survives.
 */
import { readFile } from 'node:fs/promises';
import { demoDocument } from '../../electron/core/demoPlan';
import { previewWorkbookImport } from '../../electron/core/import/planWorkbookImport';

const bytes = await readFile(process.argv[2]!);
const set = await previewWorkbookImport(demoDocument(), bytes);
const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify({ problems: set.problems.length, first: set.problems[0]?.reason ?? null, peakMb })}\n`);
process.exit(0);
