import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { makeTempDir } from '../harness';
import type { LoadRow } from './measure';

// With --cpu-prof: the server's CPU profile, and where each load run spent its time.

/**
 * A preload script that profiles the server from start to exit (Node refuses --cpu-prof in
 * NODE_OPTIONS, and the harness starts the server without extra flags). The in-process inspector
 * answers synchronously, so the profile is written in the exit handler. Every process (and
 * thread) of the server loads it and writes its own `<dir>/<pid>-<thread>.cpuprofile`.
 */
export function profilerPreload(dir: string): string {
  const file = join(makeTempDir('profiler'), 'profile.cjs');
  writeFileSync(
    file,
    `const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
const { threadId } = require('node:worker_threads');
const out = require('node:path').join(${JSON.stringify(dir)}, process.pid + '-' + threadId + '.cpuprofile');
process.on('exit', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(out, JSON.stringify(result.profile));
  });
});
`,
  );
  return file;
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where the server's time went, by kind of code; profile and bench share CLOCK_MONOTONIC. */
function category(url: string, name: string): string {
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(idle)') return 'idle';
  if (name === '(program)') return 'V8/native (program)';
  if (/react-dom/.test(url)) return 'React render';
  if (/react-router|turbo-stream/.test(url)) return 'React Router (data, turbo-stream)';
  // better-sqlite3 runs the query inside the drizzle call that asks for the rows.
  if (
    /drizzle-orm|better-sqlite3/.test(url) ||
    (!url && /^(all|get|run|iterate|prepare)$/.test(name))
  ) {
    return 'SQLite queries';
  }
  if (/compression|zlib/.test(url) || /^(writeSync|processChunkSync)$/.test(name)) {
    return 'compression';
  }
  if (/i18next/.test(url)) return 'i18next';
  if (/lunr/.test(url)) return 'search (lunr)';
  if (/build\/server/.test(url)) return 'hub code (loaders, queries, components)';
  if (/express|morgan|send|serve-static|finalhandler/.test(url)) return 'express, static, logging';
  if (url.startsWith('node:') || !url) return 'Node (HTTP, streams, crypto, native)';
  return 'other modules';
}

function profileByTarget(profile: CpuProfile, rows: LoadRow[]) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  const label = (f: CpuProfile['nodes'][number]['callFrame']) =>
    `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|build)\//, '$1/')}:${f.lineNumber + 1}`;
  /** The hub's own function nearest to the sample: which loader, query or component it was in. */
  const hubFrame = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = nodes.get(at)!;
      if (frame.url.includes('build/server') && frame.functionName) return frame.functionName;
    }
    return null;
  };
  const tally = (table: Map<string, Map<string, number>>, row: string, key: string, us: number) => {
    const entries = table.get(row) ?? new Map<string, number>();
    entries.set(key, (entries.get(key) ?? 0) + us);
    table.set(row, entries);
  };
  const byCategory = new Map<string, Map<string, number>>();
  const byFunction = new Map<string, Map<string, number>>();
  const byHubFunction = new Map<string, Map<string, number>>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    const row = rows.find((r) => t >= r.startedUs && t <= r.endedUs);
    if (!row) continue;
    const us = profile.timeDeltas[i + 1] ?? 0;
    const frame = nodes.get(profile.samples[i]!)!;
    const cat = category(frame.url, frame.functionName);
    tally(byCategory, row.name, cat, us);
    if (cat === 'idle') continue;
    tally(byFunction, row.name, label(frame), us);
    const hub = hubFrame(profile.samples[i]!);
    if (hub) tally(byHubFunction, row.name, hub, us);
  }
  return rows
    .filter((r) => byCategory.has(r.name))
    .map((r) => {
      const cats = byCategory.get(r.name)!;
      const busy = [...cats].filter(([c]) => c !== 'idle').reduce((sum, [, v]) => sum + v, 0);
      const top = (entries: Map<string, number> | undefined, n: number) =>
        [...(entries ?? new Map<string, number>())]
          .filter(([c]) => c !== 'idle')
          .sort((a, b) => b[1] - a[1])
          .slice(0, n)
          .map(([c, v]) => `${c} ${((100 * v) / busy).toFixed(0)} %`);
      return {
        name: r.name,
        busyShare: busy / (r.endedUs - r.startedUs),
        categories: top(cats, 5),
        functions: top(byFunction.get(r.name), 3),
        hubFunctions: top(byHubFunction.get(r.name), 4),
      };
    });
}

/** Where the server's time went in each load run, from the profile it wrote when it stopped. */
export function readServerProfile(dir: string, rows: LoadRow[]) {
  // The process that answered the load runs: the profile with the most samples that are not
  // idle (the primary, which lives longest, is idle nearly all the time).
  const busiest = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile)
    .map((profile) => ({ profile, busy: busySamples(profile) }))
    .sort((a, b) => b.busy - a.busy)[0];
  return busiest ? profileByTarget(busiest.profile, rows) : null;
}

function busySamples(profile: CpuProfile): number {
  const idle = new Set(
    profile.nodes
      .filter((n) => ['(idle)', '(program)', '(root)'].includes(n.callFrame.functionName))
      .map((n) => n.id),
  );
  return profile.samples.filter((id) => !idle.has(id)).length;
}
