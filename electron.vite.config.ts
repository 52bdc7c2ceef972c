import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** While developing there is no built early-read.js: the page takes the same module from the source. */
const earlyReadFromSource: Plugin = {
  name: 'early-read-from-source',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace('./early-read.js', '/src/api/earlyRead.ts'),
};

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        // The import and paper workers are entries of their own: each runs in a worker thread, loaded by
        // path at run time. So is the renderer's first screen, drawn in Node for the page the shells serve.
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          firstScreen: resolve(__dirname, 'renderer/src/firstScreen/renderFirstScreen.tsx'),
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
    plugins: [react(), earlyReadFromSource],
    build: {
      // The window waits for the renderer's first chunk to be parsed and compiled before anything shows:
      // minified it is less than half the text to parse.
      minify: true,
      rolldownOptions: {
        // The first read of the plan is a script of its own that index.html runs before the others, under a
        // fixed name the page can give (the page's own chunks are named by their content).
        input: {
          index: resolve(__dirname, 'renderer/index.html'),
          'early-read': resolve(__dirname, 'renderer/src/api/earlyRead.ts'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'early-read' ? 'early-read.js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
});
