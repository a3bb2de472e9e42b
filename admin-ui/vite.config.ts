import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Built once and served by the API at /admin (same origin as /graphql).
 * Vite 8 compiles TSX with Oxc itself, so no React plugin is needed (and none installs here).
 */
export default defineConfig({
  root,
  base: '/admin/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // MUI marks its modules "use client", which means nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `vite --config admin-ui/vite.config.ts` during development: the API runs on its own port.
    proxy: { '/graphql': process.env.ANNALS_API_URL ?? 'http://localhost:3000' },
  },
});
