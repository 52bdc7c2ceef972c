import { benchStore } from './bench/store';
import { benchWordPaper } from './bench/wordPaper';
import { benchExcel } from './bench/excel';
import type { BenchRow } from './bench/measure';

/** `npm run bench`: prints timings; targets are for the 2-core machines the app is tested on. */
async function main(): Promise<void> {
  const rows: BenchRow[] = [...(await benchStore()), ...(await benchWordPaper()), ...(await benchExcel())];
  const width = Math.max(...rows.map((row) => row.name.length));
  for (const row of rows) {
    const figure = row.ms > 0 ? `${row.ms.toFixed(1).padStart(9)} ms` : ''.padStart(12);
    console.log(`${row.name.padEnd(width)}  ${figure}  ${row.detail}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
