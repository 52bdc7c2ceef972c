import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The script of the worker `name` for the code at `moduleUrl` (its `import.meta.url`). Built, it sits beside
 * the main bundle (electron.vite.config.ts builds each worker as its own entry), one folder up if that code
 * landed in a shared chunk; run from source (tests, the browser harness under tsx), `<name>FromSource.mjs`
 * beside the code loads the TypeScript.
 */
export function workerScript(moduleUrl: string, name: string): string {
  const here = dirname(fileURLToPath(moduleUrl));
  const built = [join(here, `${name}.js`), join(here, '..', `${name}.js`)].find((file) => existsSync(file));
  return built ?? join(here, `${name}FromSource.mjs`);
}
