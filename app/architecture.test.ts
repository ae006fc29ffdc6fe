import { cruise } from 'dependency-cruiser';
import { expect, test } from 'vitest';

// The layering of docs/architecture.md, as far as dependency-cruiser's own rules cannot say it
// (.dependency-cruiser.cjs holds the file-level rules: no circles, db → app, core → features):
// a feature folder may use another, but never round a loop of folders, so each can be read
// from the ones below it.

const FEATURE = /^app\/features\/([^/]+)\//;

async function featureEdges(): Promise<Map<string, Set<string>>> {
  const result = await cruise(['app'], {
    tsPreCompilationDeps: true,
    exclude: { path: '^(build|\\.react-router|node_modules)/' },
    doNotFollow: { path: 'node_modules' },
  });
  if (typeof result.output === 'string') throw new Error('dependency-cruiser gave no graph');
  const edges = new Map<string, Set<string>>();
  for (const module of result.output.modules) {
    const from = FEATURE.exec(module.source)?.[1];
    // A test may reach across (it tests what a user gets), as the lint rules allow.
    if (!from || /\.test\.tsx?$/.test(module.source)) continue;
    for (const dependency of module.dependencies) {
      const to = FEATURE.exec(dependency.resolved)?.[1];
      if (to && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  return edges;
}

/** Every loop of feature folders, each written as "a → b → … → a". */
function loops(edges: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (path: string[]) => {
    for (const next of edges.get(path.at(-1)!) ?? []) {
      if (next === path[0]) found.add([...path, next].join(' → '));
      else if (!path.includes(next) && next > path[0]!) walk([...path, next]);
    }
  };
  for (const start of edges.keys()) walk([start]);
  return [...found].sort();
}

test('feature folders import each other without loops', async () => {
  const edges = await featureEdges();
  // The features do use each other (the exports read projects and milestones): the check bites.
  expect(edges.get('exports')?.has('projects')).toBe(true);
  expect(loops(edges)).toEqual([]);
});

test('the loop finder finds a loop of three', () => {
  const edges = new Map([
    ['a', new Set(['b'])],
    ['b', new Set(['c'])],
    ['c', new Set(['a'])],
  ]);
  expect(loops(edges)).toEqual(['a → b → c → a']);
});
