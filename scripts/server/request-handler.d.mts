// Types of what TypeScript code (the tests) imports from request-handler.mjs.

interface BuildRoutes {
  routes: Record<string, unknown>;
  assets: { routes: Record<string, unknown> };
}

interface LanguageRules {
  LANGS: readonly string[];
  languageOfRouteId(id: string): string | null;
}

export function buildWithRoutes<B extends BuildRoutes>(build: B, keep: (id: string) => boolean): B;

export function languageBuilds<B extends BuildRoutes>(
  build: B,
  rules: LanguageRules,
): Map<string, B>;
