// Types of what TypeScript code (the tests) imports from request-handler.mjs.

interface BuildRoutes {
  routes: Record<string, { id: string; parentId?: string; path?: string; index?: boolean }>;
  assets: { routes: Record<string, unknown> };
}

interface RouteRules {
  DEFAULT_LANG: string;
  LANGS: readonly string[];
  languageOfRouteId(id: string): string | null;
  routePlaceOfPath(pathname: string): { lang: string; section: string } | null;
}

export function buildWithRoutes<B extends BuildRoutes>(build: B, keep: (id: string) => boolean): B;

export function routeSets<B extends BuildRoutes>(
  build: B,
  rules: RouteRules,
): { buildFor(pathname: string): B | null };
