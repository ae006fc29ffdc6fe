import type { RouteConfigEntry } from '@react-router/dev/routes';
import { type RouteObject, matchRoutes } from 'react-router';
import { expect, test } from 'vitest';

import {
  DEFAULT_LANG,
  LANGS,
  languageOfRouteId,
  routePlaceOfPath,
} from '../../app/core/i18n/config';
import routes from '../../app/routes';
import { routeSets } from './request-handler.mjs';

// Decision 0087: the production server answers each path with the routes of its language and
// section only. These tests hold that to "the same routes as with every route", for every route
// of app/routes.ts.

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

const rules = { DEFAULT_LANG, LANGS, languageOfRouteId, routePlaceOfPath };
const full = flatRoutes();
const build = { routes: full, assets: { routes: full } };
const { buildFor } = routeSets(build, rules);
const everyRoute = tree(full);
const trees = new Map<object, RouteObject[]>();
/** The route tree a path is matched against, as the server chooses it. */
function routesFor(path: string): RouteObject[] {
  const only = buildFor(path);
  if (!only) return everyRoute;
  if (!trees.has(only)) trees.set(only, tree(only.routes));
  return trees.get(only)!;
}

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

test('every path matches the same routes among its route set as among all of them', () => {
  const paths = samplePaths();
  expect(paths.length).toBeGreaterThan(1500);
  for (const path of paths) {
    const routes = routesFor(path);
    expect(matchedIds(routes, path), path).toEqual(matchedIds(everyRoute, path));
    // Only odd spellings go to every route: a path as the hub writes it has its set.
    if (path === path.toLowerCase() && !path.includes('%') && !path.includes('//')) {
      expect(routes, path).not.toBe(everyRoute);
    }
  }
}, 60_000);

test('a route set holds its section of one language, the shared routes there, and the catch-all', () => {
  const total = Object.keys(full).length;
  const ids = (path: string) => Object.keys(buildFor(path)!.routes).sort();
  expect(ids('/zh/projects/x')).toEqual(
    Object.keys(full)
      .filter((id) => (full[id]!.path ?? '').split('/').slice(0, 2).join('/') === 'zh/projects')
      .concat('features/home/not-found', 'root')
      .sort(),
  );
  expect(ids('/login')).toEqual(['en/login', 'features/home/not-found', 'root']);
  expect(ids('/')).toEqual(['en/home', 'features/home/not-found', 'root']);
  expect(ids('/de.data')).toEqual(['de/home', 'features/home/not-found', 'root']);
  expect(ids('/api/map')).toContain('features/map/api-map');
  expect(ids('/zh/api/map')).toEqual(['features/home/not-found', 'root']);
  // Sections no route begins with share one set: a client cannot make the server build more.
  expect(buildFor('/no-such-page')).toBe(buildFor('/another-one'));
  for (const path of ['/projects', '/zh/reporting/x', '/de/knowledge/y/edit']) {
    expect(ids(path).length).toBeLessThan(total / 10);
    expect(buildFor(path)!.assets.routes).toEqual(buildFor(path)!.routes);
  }
});
