import { rmSync } from 'node:fs';

import { openDatabase } from '../db/client.server';
import { buildPack, getPackRound } from '../app/features/pack/pack-data.server';
import { parsePackRequest } from '../app/features/pack/pack-params';
import { createSeededDatabase } from './harness';
import { HUB_TODAY, createDemoDatabase, median } from './load-tools';

// Timing the workshop pack's data alone (decision 0075), in process: `buildPack` on a fresh
// connection each run (no query cache), with the statements it prepares counted. Run it as
// `npx tsx scripts/pack-data-timing.ts [PROJECTS]` (default 500 demo projects).

export interface PackDataTiming {
  projects: number;
  medianMs: number;
  maxMs: number;
  /** Statements prepared by one build: constant in the projects, but for the 500-id chunks. */
  statements: number;
  jsonBytes: number;
}

export function timePackData(
  path: string,
  { query = '', round = null, runs = 5 }: { query?: string; round?: string | null; runs?: number },
): PackDataTiming {
  const times: number[] = [];
  let last = { projects: 0, statements: 0, jsonBytes: 0 };
  for (let i = 0; i < runs; i++) {
    const db = openDatabase(path);
    try {
      const packRound = round ? (getPackRound(round, db) ?? null) : null;
      if (round && !packRound) throw new Error(`No round “${round}” in ${path}`);
      const { request } = parsePackRequest(new URLSearchParams(query), {
        round: packRound,
        pageLang: 'en',
        today: HUB_TODAY,
      });
      let statements = 0;
      const client = db.$client;
      const prepare = client.prepare.bind(client);
      client.prepare = ((source: string) => {
        statements += 1;
        return prepare(source);
      }) as typeof client.prepare;
      const started = performance.now();
      const pack = buildPack(request, HUB_TODAY, db);
      times.push(performance.now() - started);
      last = {
        projects: pack.projects.length,
        statements,
        jsonBytes: Buffer.byteLength(JSON.stringify(pack)),
      };
    } finally {
      db.$client.close();
    }
  }
  return { ...last, medianMs: median(times), maxMs: Math.max(...times) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const projects = Number(process.argv[2] ?? '500');
  const real = createSeededDatabase();
  const demo = createDemoDatabase(projects, 'pack-data');
  try {
    const rows = [
      {
        name: 'real portfolio, period 2008–2026',
        path: real.path,
        query: 'start=2008-01-01&end=2026-12-31',
      },
      { name: `${projects} demo projects, period (this year)`, path: demo.path },
      { name: `${projects} demo projects, open round`, path: demo.path, round: 'demo-round-2026' },
    ];
    console.log('| pack | projects | median | slowest | statements | JSON |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const row of rows) {
      const t = timePackData(row.path, { query: row.query, round: row.round ?? null });
      console.log(
        `| ${row.name} | ${t.projects} | ${t.medianMs.toFixed(0)} ms | ${t.maxMs.toFixed(0)} ms | ${t.statements} | ${(t.jsonBytes / 1024).toFixed(0)} KB |`,
      );
    }
  } finally {
    rmSync(real.dir, { recursive: true, force: true });
    rmSync(demo.dir, { recursive: true, force: true });
  }
}
