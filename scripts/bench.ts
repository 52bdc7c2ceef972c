import { benchStore } from './bench/store';
import { benchWordPaper } from './bench/wordPaper';
import { benchExcel } from './bench/excel';
import { benchDataCall } from './bench/dataCall';
import { benchRenderer } from './bench/renderer';
import { benchImportMemory } from './bench/importMemory';
import { benchExportMemory } from './bench/exportMemory';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { launchBrowser } from '../tests/e2e/support';
import { benchViews, loadText, printViewTable, VIEW_CASES } from './bench/views';
import type { BenchRow } from './bench/measure';

/**
 * For each measurement taken at several plan sizes, how much longer it took per step up in size compared
 * with how much bigger the plan got: 1.0 is linear, above it grows worse than linear.
 */
function printGrowth(rows: readonly BenchRow[]): void {
  const series = new Map<string, { size: number; ms: number }[]>();
  for (const row of rows) {
    const match = /^(.*), (\d+) actions$/.exec(row.name);
    if (!match || row.ms <= 0) continue;
    series.set(match[1]!, [...(series.get(match[1]!) ?? []), { size: Number(match[2]), ms: row.ms }]);
  }
  console.log('\nGrowth (time ratio / size ratio; 1.0 = linear):');
  for (const [name, points] of series) {
    if (points.length < 2) continue;
    const steps = points.slice(1).map((point, index) => {
      const previous = points[index]!;
      return `${previous.size}->${point.size}: ${(point.ms / previous.ms / (point.size / previous.size)).toFixed(2)}`;
    });
    console.log(`  ${name}: ${steps.join(', ')}`);
  }
}

/**
 * `npm run bench`: prints timings; targets are for the 2-core machines the app is tested on.
 * `npm run bench -- views` runs only the views table, `-- views "150 actions, 10 years"` only the plans named.
 */
async function main(): Promise<void> {
  const [only, ...plans] = process.argv.slice(2);
  const started = performance.now();
  const loadAtStart = loadavg();
  const footer = () =>
    console.log(
      `\nLoad average 1/5/15 min (2 cores shared): ${loadText(loadAtStart)} at the start, ${loadText(loadavg())} at the end; bench took ${((performance.now() - started) / 60_000).toFixed(1)} min; ` +
        `its process peaked at ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB resident.`,
    );
  if (only === 'views') {
    const { results } = await benchViews(
      VIEW_CASES.filter((candidate) => plans.length === 0 || plans.includes(candidate.label)),
    );
    printViewTable(results);
    footer();
    return;
  }
  // One browser for every part of the bench: launching Chromium again costs seconds on a loaded machine.
  const browser = await launchBrowser();
  const rows: BenchRow[] = [];
  let views: Awaited<ReturnType<typeof benchViews>>;
  try {
    views = await benchViews(VIEW_CASES, browser);
    rows.push(
      ...(await benchStore()),
      ...(await benchWordPaper()),
      ...(await benchExcel()),
      ...(await benchDataCall()),
      ...(await benchRenderer(undefined, browser)),
      ...(await benchImportMemory()),
      ...(await benchExportMemory()),
    );
  } finally {
    await browser.close();
  }
  const width = Math.max(...rows.map((row) => row.name.length));
  for (const row of rows) {
    const figure = row.ms > 0 ? `${row.ms.toFixed(1).padStart(9)} ms` : ''.padStart(12);
    console.log(`${row.name.padEnd(width)}  ${figure}  ${row.detail}`);
  }
  printGrowth([...rows, ...views.rows]);
  printViewTable(views.results);
  footer();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
