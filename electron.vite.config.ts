import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        // The import and paper workers are entries of their own: each runs in a worker thread, loaded by
        // path at run time.
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          importWorker: resolve(__dirname, 'electron/core/import/importWorker.ts'),
          paperWorker: resolve(__dirname, 'electron/core/export/docx/paperWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed preload cannot load ES modules or split chunks.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      // The window waits for the renderer's first chunk to be parsed and compiled before anything shows:
      // minified it is less than half the text to parse.
      minify: true,
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
