// What the primary needs of the app, done in a worker thread that loads the jobs bundle
// (build/jobs/index.js, decision 0086), does one task and ends: the primary itself never loads
// the app. The server bundle (React, the renderers' libraries, the search code …) took some
// 100 MB of the primary's memory for the few things it reads from it (decision 0085).
//
// Tasks: 'prepare' (the validated settings, the database's description for the start-up lines,
// and the file store cleaned before any worker runs) and 'mail-pass' (one notification pass).
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

/** Runs `task` on the jobs bundle at `buildPath` in a new thread; resolves with its result. */
export function runPrimaryTask(buildPath, task) {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL(import.meta.url), { workerData: { buildPath, task } });
    let answer;
    thread.once('message', (message) => (answer = message));
    thread.once('error', reject);
    thread.once('exit', (code) => {
      if (answer?.error) {
        const error = new Error(answer.error.message);
        error.stack = answer.error.stack;
        reject(error);
      } else if (answer) resolve(answer.result);
      else reject(new Error(`The primary's ${task} thread ended (code ${code}) with no answer.`));
    });
  });
}

async function runTask({ buildPath, task }) {
  const build = await import(pathToFileURL(buildPath).href);
  const rules = build;
  for (const name of ['serverSettings', 'describeDatabase', 'prepareFileStore', 'runMailPass']) {
    if (!(name in rules)) {
      throw new Error(`${buildPath} exports no ${name}: run \`npm run build\`.`);
    }
  }
  if (task === 'prepare') {
    // What an upload cut short by a crash left in the file store's tmp/ goes before any worker
    // could be writing there; a store that cannot be cleaned is logged, and the hub starts.
    await rules
      .prepareFileStore()
      .catch((error) => console.error('[hub] could not clean the file store:', error));
    return { settings: rules.serverSettings, database: rules.describeDatabase() };
  }
  if (task === 'mail-pass') {
    await rules.runMailPass();
    return null;
  }
  throw new Error(`No primary task ${task}`);
}

if (!isMainThread && workerData?.task) {
  try {
    const result = await runTask(workerData);
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({
      error: { message: error?.message ?? String(error), stack: error?.stack },
    });
  }
}
