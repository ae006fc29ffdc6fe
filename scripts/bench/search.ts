import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { DOCUMENT_QUERIES, MIXED_QUERIES, timeSearch } from '../search-timing';

// The search engine alone (as scripts/search-scale.ts measures it), in a process of its own.

export const SEARCH_QUERIES = [
  'energy',
  ...MIXED_QUERIES,
  'buildings energy',
  // Words that stand in the demo documents' extracted text (and in few project texts).
  ...DOCUMENT_QUERIES,
];
/** Timed runs of each query: enough that the p95 is not one collection's pause. */
export const SEARCH_ROUNDS = 100;

export function measureSearch(path: string) {
  const timing = timeSearch(path, SEARCH_QUERIES, { rounds: SEARCH_ROUNDS, firstRunsApart: true });
  return { ...timing, firstRunMaxMs: timing.firstRunMaxMs! };
}

/**
 * Search timings taken in a process of their own, which holds nothing but the index: in the
 * harness's process (its own heap, the report it gathers) the young-generation collections that
 * any query's allocations trigger cost more and land in a few timings. The child is the bench
 * itself, run with `--search-only`.
 */
export function measureSearchApart(path: string): ReturnType<typeof measureSearch> {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(new URL('../bench.ts', import.meta.url)),
      '--search-only',
      path,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`Search measurement failed:\n${child.stderr}`);
  return JSON.parse(child.stdout) as ReturnType<typeof measureSearch>;
}
