import type { RouteConfigEntry } from '@react-router/dev/routes';
import { type RouteObject, matchRoutes } from 'react-router';
import { expect, test } from 'vitest';

import { LANGS, languageOfRouteId, routeLanguageOfPath } from '../../app/core/i18n/config';
import routes from '../../app/routes';
import { languageBuilds } from './request-handler.mjs';

// Decision 0087: the production server answers each path with one language's routes. These tests
// hold that to "the same route as with every route", for every route of app/routes.ts.

interface FlatRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
}

/** The build's shape of app/routes.ts: routes by id under "root", ids as React Router gives them. */
function flatRoutes(): Record<string, FlatRoute> {
  const flat: Record<string, FlatRoute> = { root: { id: 'root', path: '' } };
  const add = (entries: RouteConfigEntry[], parentId: string) => {
    for (const entry of entries) {
      const id = entry.id ?? entry.file.replace(/\.[^.]+$/, '');
      flat[id] = { id, parentId, path: entry.path, index: entry.index };
      add(entry.children ?? [], id);
    }
  };
  add(routes, 'root');
  return flat;
}

function tree(flat: Record<string, FlatRoute>, parentId?: string): RouteObject[] {
  return Object.values(flat)
    .filter((route) => route.parentId === parentId)
    .map((route) =>
      route.index
        ? { id: route.id, path: route.path, index: true }
        : { id: route.id, path: route.path, children: tree(flat, route.id) },
    );
}

const rules = { LANGS, languageOfRouteId };
const full = flatRoutes();
const build = { routes: full, assets: { routes: full } };
const builds = languageBuilds(build, rules);
const everyRoute = tree(full);
const routesOf = new Map([...builds].map(([lang, only]) => [lang, tree(only.routes)]));

const matchedIds = (routeTree: RouteObject[], path: string) =>
  (matchRoutes(routeTree, path) ?? []).map((match) => match.route.id);

/** Paths for every route: each parameter filled with words that are also pages and languages. */
function samplePaths(): string[] {
  const values = ['x', 'map', 'zh', 'projects', 'report.pptx'];
  const paths = new Set<string>([
    '/',
    '/zh',
    '/zh/',
    '/de',
    '/ZH',
    '/Zh/projects',
    '/DE/projects/x/edit',
    '/%7Ah/projects',
    '/%64e/map',
    '/zh%2Fprojects',
    '/en/projects',
    '/zhx/map',
    '/fr/projects',
    '/%E0%A4%A/projects',
  ]);
  for (const route of Object.values(full)) {
    if (route.id === 'root') continue;
    const pattern = route.path ?? '';
    for (const value of values) {
      const path = `/${pattern.replace(/:[^/]+/g, value).replace('*', `${value}/${value}`)}`;
      paths.add(path);
      paths.add(path.toUpperCase());
    }
  }
  return [...paths];
}

test('every path matches the same routes among its language’s routes as among all of them', () => {
  const paths = samplePaths();
  expect(paths.length).toBeGreaterThan(1500);
  let placed = 0;
  for (const path of paths) {
    const lang = routeLanguageOfPath(path);
    if (lang === null) continue;
    placed++;
    expect(matchedIds(routesOf.get(lang)!, path), path).toEqual(matchedIds(everyRoute, path));
  }
  // Nearly every path is placed; only odd spellings of a language go to every route.
  expect(placed / paths.length).toBeGreaterThan(0.6);
}, 60_000);

test('each language’s routes are its pages and the shared routes: about a third of all', () => {
  const total = Object.keys(full).length;
  for (const lang of LANGS) {
    const ids = Object.keys(builds.get(lang)!.routes);
    expect(
      ids.filter((id) => languageOfRouteId(id) !== null).every((id) => id.startsWith(`${lang}/`)),
    ).toBe(true);
    expect(ids).toContain(`${lang}/projects`);
    expect(ids).toContain('root');
    expect(ids).toContain('features/map/api-map');
    expect(Object.keys(builds.get(lang)!.assets.routes)).toEqual(ids);
    expect(ids.length).toBeLessThan(total / 2);
  }
});
