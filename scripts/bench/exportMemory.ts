import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GCProfiler } from 'node:v8';
import { createHandlers } from '../../electron/core/handlers';
import { demoDocument } from '../../electron/core/demoPlan';
import { encodePlanFile } from '../../electron/core/planFileCodec';
import { DESKTOP_STORE_OPTIONS, PlanStore } from '../../electron/core/planStore';
import { PreferencesStore } from '../../electron/core/preferencesStore';
import { paperInputFromTemplate } from '../../shared/domain/boardPaperContent';
import { generatePlan } from '../../tests/support/generatePlan';
import type { BenchRow } from './measure';
import { cachedFile } from './planCache';

const MB = 1024 * 1024;

/**
 * The peak memory of the paper's export, Word and Excel, through the handler as the app runs it (the Word
 * paper on its worker thread): the largest heap this process used, read at every garbage collection and
 * sampled between them, and the largest resident size sampled, which counts the worker's heap too. One run
 * per size: the export itself writes every action twice.
 */
export async function benchExportMemory(sizes: readonly number[] = [500, 5000, 20000]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'apt-bench-export-'));
    const dataFile = join(dir, 'action-plan.json');
    await copyFile(await cachedFile('plan', { size }, 'json', () => encodePlanFile(generatePlan(size))), dataFile);
    const store = await PlanStore.open(dataFile, demoDocument, DESKTOP_STORE_OPTIONS);
    try {
      const handlers = createHandlers({
        store,
        demoDocument,
        user: 'Bench Secretary',
        clock: () => new Date('2026-11-24T10:00:00.000Z'),
        preferences: new PreferencesStore(join(dir, 'preferences.json')),
        templatesDir: resolve('templates/board-papers'),
        acceptsPathsFromPage: true,
      });
      const templates = await handlers.listPaperTemplates({});
      if (!templates.ok) throw new Error(`export memory bench: ${templates.error.message}`);
      const template = templates.value[0]!;
      const before = process.memoryUsage();
      let peakHeap = before.heapUsed;
      let peakRss = before.rss;
      const sample = () => {
        const now = process.memoryUsage();
        peakHeap = Math.max(peakHeap, now.heapUsed);
        peakRss = Math.max(peakRss, now.rss);
      };
      const sampler = setInterval(sample, 20);
      const profiler = new GCProfiler();
      profiler.start();
      const start = performance.now();
      const result = await handlers.exportBoardPaper({
        templateId: template.id,
        paper: paperInputFromTemplate(template, '2027-01-21'),
        word: true,
        excel: true,
        folder: join(dir, 'papers'),
      });
      const ms = performance.now() - start;
      clearInterval(sampler);
      sample();
      for (const gc of profiler.stop().statistics) {
        peakHeap = Math.max(peakHeap, gc.beforeGC.heapStatistics.usedHeapSize);
      }
      if (!result.ok) throw new Error(`export memory bench: ${size} actions: ${result.error.message}`);
      rows.push({
        name: `export Word + Excel (peak main-process memory), ${size} actions`,
        ms,
        detail:
          `peak heap ${(peakHeap / MB).toFixed(0)} MB (${(before.heapUsed / MB).toFixed(0)} MB before), ` +
          `peak resident ${(peakRss / MB).toFixed(0)} MB with the Word worker (${(before.rss / MB).toFixed(0)} MB before); one run`,
      });
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
