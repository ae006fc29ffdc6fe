import { defineConfig } from 'vite';

// The jobs bundle (decision 0086): app/jobs.server.ts and what it imports, for the threads of
// app/core/jobs/ and scripts/server/primary-task.mjs. Dependencies stay in node_modules, as in
// the server bundle.
export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'app/jobs.server.ts',
    outDir: 'build/jobs',
    emptyOutDir: true,
    target: 'node20',
    rolldownOptions: {
      output: { entryFileNames: 'index.js' },
      checks: { bundlerTimings: false },
    },
  },
});
