import { readFileSync } from 'node:fs';

import { PERMISSIONS, type Permission } from '../../app/core/auth/permissions';
import routes from '../../app/routes';

// The route modules of app/routes.ts, read as the tests need them: which files answer URLs, which
// export an action, and which permission each names when it calls authorize().

interface RouteConfigEntry {
  file: string;
  children?: RouteConfigEntry[];
}

const APP = new URL('../../app/', import.meta.url);

/** Every route module's path under app/, once each, in the order of app/routes.ts. */
export function routeFiles(): string[] {
  const flat = (entries: RouteConfigEntry[]): string[] =>
    entries.flatMap((e) => [e.file, ...flat(e.children ?? [])]);
  return [...new Set(flat(routes as RouteConfigEntry[]))];
}

export const routeSource = (file: string) => readFileSync(new URL(file, APP), 'utf8');

export const exportsAction = (file: string) =>
  /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(routeSource(file));

/** The permission names a module passes to authorize(), in the order they appear. */
export const authorizeCalls = (file: string): string[] =>
  [...routeSource(file).matchAll(/authorize\(\s*context,\s*request,\s*'([^']+)'/g)].map(
    (m) => m[1]!,
  );

/** Route modules that export an action, with the permission they authorize it by. */
export const ACTION_MODULES: Record<string, Permission> = Object.fromEntries(
  routeFiles()
    .filter(exportsAction)
    .map((file) => {
      const [name] = authorizeCalls(file);
      if (!name || !(name in PERMISSIONS))
        throw new Error(`${file} authorizes no known permission`);
      return [file, name as Permission];
    }),
);

/** The route module that authorizes by this permission (each permission has one). */
export const moduleOf = (permission: Permission): string =>
  routeFiles().find((file) => authorizeCalls(file).includes(permission))!;
