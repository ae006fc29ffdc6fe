import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { startServer } from '../harness';
import {
  HUB_TODAY,
  type LoadDatabase,
  median,
  memory,
  prepareLoadDatabase,
  quiet,
  waitUntilIdle,
} from '../load-tools';
import { measureJavaScript } from './javascript';
import { measureMapReady } from './map-ready';
import { measureLighthouse } from './lighthouse';
import { measurePack } from './pack';
import { measureProbeWhileExport } from './probe';
import { type SequentialRow, bufferingCost, fetchTimed, loadAll, sequential } from './measure';
import { DATABASES, EXPORT_ROUNDS, LARGEST_DATABASE, args } from './options';
import { profilerPreload, readServerProfile } from './profile';
import { measureSearchApart } from './search';
import { EXPORTS, type Target, createBenchAccount, targets, variants } from './targets';
import { secondOpinion } from './wrk';

// One database through the bench: three servers in turn (every page rendered, as served with
// the response cache, two workers), and the search engine on its own.

/** Runs `measure` on a server started for it, printing the server's log if it fails. */
async function withServer<T>(
  options: Parameters<typeof startServer>[0],
  measure: (server: Awaited<ReturnType<typeof startServer>>) => Promise<T>,
): Promise<T> {
  const server = await startServer(options);
  const log = quiet(server);
  try {
    return await measure(server);
  } catch (error) {
    console.error(log());
    throw error;
  } finally {
    await server.stop();
  }
}

/**
 * Every page rendered for every request (the response cache off): what loaders and rendering
 * cost. The JavaScript (for the first database only), buffering and signed-in figures come from
 * this server too.
 */
function measureRendered(
  database: LoadDatabase,
  all: Target[],
  env: Record<string, string>,
  withJavaScript: boolean,
) {
  const options = { databaseUrl: database.path, hubToday: HUB_TODAY };
  return withServer({ ...options, env: { ...env, HUB_RESPONSE_CACHE_MB: '0' } }, async (server) => {
    console.error(`· ${database.label}: single requests, rendered …`);
    const sequentialRows: SequentialRow[] = [];
    for (const target of all) sequentialRows.push(await sequential(server, target));
    console.error(`· ${database.label}: exports, rendered …`);
    const exportRows: SequentialRow[] = [];
    for (const target of EXPORTS) {
      exportRows.push(await sequential(server, target, { rounds: EXPORT_ROUNDS, warmUp: 0 }));
    }
    // Does a request wait behind a file being built? At the run's largest portfolio only.
    const probe =
      database.name === LARGEST_DATABASE ? await measureProbeWhileExport(server.url) : null;
    await waitUntilIdle(server);
    const afterWarmUp = memory(server);

    // The cost of buffering a public read: the same page signed in is streamed with a nonce.
    const extra = await variants(server, database);
    const signedIn = extra[0]!;
    // The reporting pages (demo portfolios only): their loaders are timed like the public pages'.
    for (const target of extra.filter((t) => t.timed)) {
      sequentialRows.push(await sequential(server, target));
    }
    const firstByte = { publicRead: [] as number[], signedIn: [] as number[] };
    for (let i = 0; i < 20; i++) {
      firstByte.publicRead.push((await fetchTimed(`${server.url}/milestones`)).firstByte);
      firstByte.signedIn.push(
        (await fetchTimed(`${server.url}/milestones`, signedIn.headers)).firstByte,
      );
    }
    const biggest = await fetchTimed(`${server.url}/milestones`);
    const hashing = bufferingCost(biggest.body);

    const loadRows = await loadAll(server, database.label, [...all, ...extra]);
    await waitUntilIdle(server);
    const afterLoad = memory(server);
    const javascript = withJavaScript ? await measureJavaScript(server, pagesOf(all)) : null;
    const mapReady = await measureMapReady(server);
    return {
      sequential: sequentialRows,
      exports: exportRows,
      probe,
      load: loadRows,
      memory: { afterWarmUp, afterLoad },
      buffering: {
        page: '/milestones',
        htmlBytes: hashing.bytes,
        hashAndEtagMs: hashing.ms,
        firstByteMedianMs: {
          publicRead: median(firstByte.publicRead),
          signedIn: median(firstByte.signedIn),
        },
      },
      javascript,
      mapReady,
    };
  });
}

/**
 * The same targets on a server as it runs by default: with its cache of signed-out answers
 * (app/core/http/response-cache.server.ts), so after the first request a page is served from memory.
 */
function measureCached(database: LoadDatabase, all: Target[]) {
  const options = { databaseUrl: database.path, hubToday: HUB_TODAY };
  return withServer(options, async (server) => {
    console.error(`· ${database.label}: single requests, with the response cache …`);
    const sequentialRows: SequentialRow[] = [];
    for (const target of all) sequentialRows.push(await sequential(server, target));
    const hit = await fetchTimed(`${server.url}/projects`);
    if (hit.response.headers.get('x-hub-cache') !== 'hit') {
      throw new Error('The response cache did not answer /projects: is it switched off?');
    }
    // An export's second request: answered from the kept copy (gzipped only, if it is large)?
    const exports: { path: string; isKept: boolean; ms: number }[] = [];
    for (const target of EXPORTS) {
      await fetchTimed(`${server.url}${target.path}`);
      const again = await fetchTimed(`${server.url}${target.path}`);
      exports.push({
        path: target.path,
        isKept: again.response.headers.get('x-hub-cache') === 'hit',
        ms: again.ms,
      });
    }
    const load = await loadAll(server, `${database.label}, cached`, all);
    await secondOpinion(server, `${database.label}, cached`, load, all);
    await waitUntilIdle(server);
    return { sequential: sequentialRows, exports, load, afterLoad: memory(server) };
  });
}

/**
 * What a second worker process buys (HUB_WORKERS=2, scripts/server/primary.mjs) where rendering
 * is the cost: the static file and every page rendered for every request, as in the first run's
 * one worker. The load generator shares the machine's cores with the workers, so on a two-core
 * machine this is a floor of what a second core gives a server that has one to itself.
 */
function measureSecondWorker(database: LoadDatabase, all: Target[]) {
  const options = {
    databaseUrl: database.path,
    hubToday: HUB_TODAY,
    env: { HUB_RESPONSE_CACHE_MB: '0', HUB_WORKERS: '2' },
  };
  return withServer(options, async (server) => {
    const deadline = Date.now() + 30_000;
    while (server.pids().length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const list = all.filter((t) => t.kind === 'static' || t.kind === 'page');
    // Each worker renders each page once before it is timed (its first render fills its caches).
    for (const target of list) {
      for (let i = 0; i < 4; i++) {
        await fetch(`${server.url}${target.path}`, { headers: { Connection: 'close' } });
      }
    }
    const rows = await loadAll(server, `${database.label}, two workers, rendered`, list);
    return { rows, afterLoad: memory(server) };
  });
}

/** The pages Lighthouse and the JavaScript budgets look at. */
export const pagesOf = (all: Target[]) => all.filter((t) => t.kind === 'page');

export async function benchDatabase(name: string, profileDir: string | null) {
  console.error(`· preparing ${name} …`);
  const database = prepareLoadDatabase(name);
  try {
    const search = measureSearchApart(database.path);
    const env: Record<string, string> = {};
    if (profileDir) {
      const dir = join(profileDir, name);
      mkdirSync(dir, { recursive: true });
      env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${profilerPreload(dir)}`;
    }
    await createBenchAccount(database);
    const all = targets(database);
    const rendered = await measureRendered(database, all, env, name === DATABASES[0]);
    // The server writes its profile as it exits.
    const profile = profileDir ? readServerProfile(join(profileDir, name), rendered.load) : null;
    const cached = await measureCached(database, all);
    const secondWorker = await measureSecondWorker(database, all);
    const pack = await measurePack(database);
    const lighthouse =
      name === DATABASES[0] && !args['no-lighthouse']
        ? await measureLighthouse(database, pagesOf(all))
        : null;
    return {
      database: {
        name,
        label: database.label,
        projects: database.projects,
        milestones: database.milestones,
      },
      search,
      sequential: rendered.sequential,
      exports: rendered.exports,
      probe: rendered.probe,
      load: rendered.load,
      memory: rendered.memory,
      cached,
      secondWorker,
      buffering: rendered.buffering,
      javascript: rendered.javascript,
      mapReady: rendered.mapReady,
      profile,
      pack,
      lighthouse,
    };
  } finally {
    rmSync(database.dir, { recursive: true, force: true });
  }
}

export type Run = Awaited<ReturnType<typeof benchDatabase>>;
