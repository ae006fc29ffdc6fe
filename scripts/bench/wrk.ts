import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';

import type { TestServer } from '../harness';
import { cpuTicks, waitUntilIdle } from '../load-tools';
import type { LoadRow, WrkRun } from './measure';
import { CONNECTIONS, DURATION, REQUEST_HEADERS, SATURATED } from './options';
import type { Target } from './targets';

// A second load generator, for the runs autocannon could not make the server the limit of.

/**
 * Debian's wrk (`apt-get install wrk`), if it is on the PATH: a load generator in C. autocannon
 * runs in Node on the same two cores as the server, and reading large answers (the 10 000
 * projects' 300 KB of gzipped /api/map) can keep it busier than the server; where that happens
 * the bench asks wrk too, so the share of the static file's throughput is measured, not inferred.
 */
function findWrk(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, 'wrk');
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not in this folder of the PATH.
    }
  }
  return null;
}
export const WRK = findWrk();

async function loadWithWrk(server: TestServer, target: Target): Promise<WrkRun> {
  await waitUntilIdle(server);
  const headers = { ...REQUEST_HEADERS, ...target.headers };
  const started = performance.now();
  const ticksBefore = cpuTicks(server);
  // One thread: the server has one core to itself, as under autocannon.
  const run = spawnSync(
    WRK!,
    [
      '-t1',
      `-c${CONNECTIONS}`,
      `-d${DURATION}s`,
      ...Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
      `${server.url}${target.path}`,
    ],
    { encoding: 'utf8' },
  );
  const serverCpuMs = (cpuTicks(server) - ticksBefore) * 10;
  const elapsedMs = performance.now() - started;
  const total = /(\d+) requests in/.exec(run.stdout)?.[1];
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(run.stdout)?.[1];
  // wrk counts non-2xx answers in its own line; any error is a failed measurement.
  if (run.status !== 0 || !total || !rate || /Non-2xx|Socket errors/.test(run.stdout)) {
    throw new Error(`wrk on ${target.path} failed:\n${run.stdout}${run.stderr}`);
  }
  return {
    requestsPerSecond: Number(rate),
    serverBusy: serverCpuMs / elapsedMs,
    serverCpuMsPerRequest: serverCpuMs / Math.max(1, Number(total)),
  };
}

/**
 * The rows autocannon could not load enough to keep the server busy, measured again with wrk,
 * between two wrk runs of the static file (the higher is the ceiling, as in loadAll).
 */
export async function secondOpinion(
  server: TestServer,
  label: string,
  rows: LoadRow[],
  list: Target[],
) {
  const bound = rows.filter(
    (r) => (r.kind === 'page' || r.kind === 'api') && r.serverBusy < SATURATED,
  );
  if (!WRK || bound.length === 0) return;
  const staticTarget = list[0]!;
  console.error(`· ${label}: ${bound.map((r) => r.path).join(', ')} again, with wrk …`);
  const before = await loadWithWrk(server, staticTarget);
  const runs = [];
  for (const row of bound) {
    runs.push({
      row,
      run: await loadWithWrk(
        server,
        list.find((t) => t.path === row.path)!,
      ),
    });
  }
  const after = await loadWithWrk(server, staticTarget);
  const ceiling = Math.max(before.requestsPerSecond, after.requestsPerSecond);
  for (const { row, run } of runs) {
    row.wrk = { ...run, shareOfStatic: run.requestsPerSecond / ceiling };
  }
}
