/**
 * Worker thread entry: reads workbooks off the main thread, so that a file which exhausts the worker's
 * memory ends the worker, never the app. Runs the same reader as everywhere else.
 */
import { parentPort } from 'node:worker_threads';
import { readPlanWorkbook } from './readPlanWorkbook';

parentPort?.on('message', (bytes: ArrayBuffer) => {
  void readPlanWorkbook(bytes).then((parsed) => parentPort?.postMessage(parsed));
});
