// Runs the paper worker from its TypeScript source (tests, the browser harness under tsx), where no built
// paperWorker.js exists: tsx is registered in this thread first, since loader flags are not.
import { register } from 'tsx/esm/api';

register();
await import('./paperWorker.ts');
