import { parseArgs } from 'node:util';

// The bench's command line (see scripts/bench.ts) and the goals it checks.

export const SEQUENTIAL_ROUNDS = 40;
export const WARM_UP = 5;
/** Whole-file exports take seconds at 10 000 projects: fewer rounds, timed from the first. */
export const EXPORT_ROUNDS = 5;
export const GOALS = {
  pageShareOfStatic: 0.3,
  p95Ms: 30,
  milestonesP95Ms: 50,
  searchP95Ms: 5,
  textPageJsKb: 100,
  mapJsKb: 200,
};

export const { values: args } = parseArgs({
  options: {
    db: { type: 'string', multiple: true },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    encoding: { type: 'string', default: 'gzip' },
    'cpu-prof': { type: 'boolean', default: false },
    // Internal: measure search on this database file in this (fresh) process and print JSON.
    'search-only': { type: 'string' },
  },
});
export const DATABASES = (args.db ?? ['real', '1000', '10000']).flatMap((d) => d.split(','));
for (const d of DATABASES) {
  if (d !== 'real' && !/^[1-9]\d*$/.test(d)) throw new Error(`--db ${d}: real or a project count`);
}
export const DURATION = Number(args.duration);
export const CONNECTIONS = Number(args.connections);
/** A server busier than this (CPU seconds per second of a run) was the limit of that run. */
export const SATURATED = 0.8;
if (!(DURATION > 0) || !(CONNECTIONS > 0)) throw new Error('--duration and --connections > 0');
// Browsers ask for compressed pages, and the server (scripts/serve.mjs) compresses every response.
export const ENCODING = args.encoding === 'identity' ? 'identity' : 'gzip';
export const REQUEST_HEADERS = { 'Accept-Encoding': ENCODING };
