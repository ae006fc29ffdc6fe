// The entry of the jobs bundle (build/jobs/index.js, built by vite.jobs.config.ts): what the
// threads that work beside the server call, and nothing of the pages. A thread that loaded the
// whole server bundle (React, every route, the search code) paid 33–37 MB of memory for it; this
// one costs 22 MB (decision 0086).
export { describeDatabase, serverSettings } from './core/http/server-settings.server';
export { prepareFileStore } from './features/documents/file-store.server';
export { runMailPass } from './features/reporting/mail-pass.server';
export { buildPackFile } from './features/pack/pack-file.server';
export { buildExportFile } from './features/exports/export-build.server';
export { runImportStep } from './features/iati/import-jobs.server';
