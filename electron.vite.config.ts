import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

import pkg from './package.json';

const alias = { '@contract': resolve(__dirname, 'src-main/contract') };

export default defineConfig({
  // Main process bundle: the Electron entry plus the Node CLI (which also runs web mode).
  // Dependencies stay external (node_modules ships with the app), so knex's unused drivers are never bundled.
  main: {
    resolve: { alias },
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          cli: resolve(__dirname, 'src-main/cli/index.ts'),
          // Large workbooks are parsed in a worker thread (src-main/excel/workerPath.ts finds it beside the bundle).
          sheetWorker: resolve(__dirname, 'src-main/excel/sheetWorker.ts'),
        },
      },
    },
  },
  // A sandboxed preload must be one CommonJS file with nothing external but 'electron'.
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    resolve: { alias: { ...alias, '@': resolve(__dirname, 'src-renderer/src') } },
    plugins: [vue()],
    // vue-i18n's bundler build: composition API only, message compiler without eval (strict CSP).
    define: { __VUE_I18N_FULL_INSTALL__: true, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
    build: {
      minify: true,
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
      chunkSizeWarningLimit: 2000,
    },
  },
});
