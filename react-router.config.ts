import type { Config } from '@react-router/dev/config';

export default {
  ssr: true,
  future: {
    // The i18next middleware (app/core/i18n/i18next.server.ts) puts the URL's language's instance
    // in the router context, and the security middleware runs before every loader.
    v8_middleware: true,
    // The hub has no client loaders, actions or middleware: nothing to split, nothing changes.
    v8_splitRouteModules: true,
    // The build runs through Vite's Environment API (the same client and server builds).
    v8_viteEnvironmentApi: true,
    // A page's data is `<path>.data`, the index's `/_.data` (app/core/http/request-rules.server.ts).
    v8_trailingSlashAwareDataRequests: true,
    // Not yet: loaders read request.url (the filter's parameters, the language, the canonical
    // link), which would then carry `.data` and `?_routes=`; see docs/decisions (start-up output).
    v8_passThroughRequests: false,
  },
} satisfies Config;
