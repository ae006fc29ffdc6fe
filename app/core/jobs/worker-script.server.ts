import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The path of a worker thread's script (plain JavaScript, `sourcePath` from the project's root,
 * e.g. `app/core/jobs/job-worker.mjs`). In the source tree it sits beside the module that starts
 * it (`from`: that module's import.meta.url); the built server (build/server/, build/jobs/) no
 * longer does, so it is looked for from the project's root (the folder with package.json).
 */
export function workerScriptPath(from: string, sourcePath: string): string {
  const name = basename(sourcePath);
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const beside = join(dir, name);
    if (existsSync(beside)) return beside;
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, sourcePath))) {
      return join(dir, sourcePath);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${name} not found from ${from}`);
    dir = parent;
  }
}
