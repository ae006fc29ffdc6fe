// The production server: `node scripts/serve.mjs [build/server/index.js]`, started by `npm start`
// (through scripts/start.ts) and by every test and benchmark server. Run directly, this process is
// the primary (server/primary.mjs): it starts HUB_WORKERS serving processes (server/worker.mjs)
// on the port, replaces one that dies, and stops them all cleanly on SIGTERM or SIGINT.
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { runPrimary } from './server/primary.mjs';
import { runPrimaryTask } from './server/primary-task.mjs';
import { serve } from './server/worker.mjs';

const buildPath = resolve(process.argv[2] ?? 'build/server/index.js');
// The jobs bundle (vite.jobs.config.ts) beside it: what the threads that build files, import and
// run the primary's tasks load instead of the whole server (decision 0086). Read by the bundle's
// env module as it loads (app/core/jobs/worker-runner.server.ts).
const jobsPath = resolve(dirname(buildPath), '..', 'jobs', 'index.js');
if (!existsSync(jobsPath)) {
  console.error(`${jobsPath} is missing: run \`npm run build\`.`);
  process.exit(1);
}
process.env.HUB_JOBS_BUILD = jobsPath;
if (cluster.isPrimary) {
  // The primary never loads the bundle (decision 0085): a thread reads the settings, cleans the
  // file store and describes the database, then ends. Settings the bundle refuses (a bad
  // HUB_WORKERS, say) stop the server here, before any worker starts.
  let prepared;
  try {
    prepared = await runPrimaryTask(jobsPath, 'prepare');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  runPrimary({
    serveScript: fileURLToPath(import.meta.url),
    buildPath,
    settings: prepared.settings,
    database: prepared.database,
    runMailPass: () => runPrimaryTask(jobsPath, 'mail-pass'),
  });
} else {
  const build = await import(pathToFileURL(buildPath).href);
  const rules = build.entry.module;
  for (const name of ['cachedAnswer', 'refuseMethod', 'bodyLimit', 'serverSettings', 'warmUp']) {
    if (!(name in rules)) {
      throw new Error(`${buildPath} exports no ${name} from entry.server: run \`npm run build\`.`);
    }
  }
  const label = `[hub ${cluster.worker.id}]`;
  const { stop } = serve(build, { worker: cluster.worker.id });
  let isLeaving = false;
  const leave = (code) => {
    if (isLeaving) return;
    isLeaving = true;
    // Whoever starts the next worker need not wait for this one's requests to finish.
    if (code !== 0 && process.connected) process.send('hub:leaving');
    stop().then(() => process.exit(code));
  };
  process.on('message', (message) => message === 'hub:stop' && leave(0));
  // A signal to the whole process group (Ctrl-C in a terminal) reaches the workers too.
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => leave(0));
  // An error no request caught: this process may be in any state, so it stops taking requests,
  // finishes the ones it has and makes way for a fresh one.
  process.on('uncaughtException', (error) => {
    console.error(`${label} an error escaped every request; this worker stops:`, error);
    leave(1);
  });
  process.on('unhandledRejection', (reason) => {
    console.error(`${label} a promise failed with no one waiting for it:`, reason);
  });
}
