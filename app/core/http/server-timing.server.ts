import { type ServerInstrumentation, createContext } from 'react-router';

// `Server-Timing` on every response: how long the loaders took and how long the whole answer
// (loaders, render, buffering) took inside the app, so a browser's developer tools, a proxy's log
// or `npm run bench` can tell loader time from render time. Loaders are timed by React Router's
// route instrumentation (exported from entry.server.tsx); the root middleware writes the header.

export interface RequestTiming {
  started: number;
  loaderStart: number | null;
  loaderEnd: number | null;
}

export const timingContext = createContext<RequestTiming | null>(null);

export const startTiming = (): RequestTiming => ({
  started: performance.now(),
  loaderStart: null,
  loaderEnd: null,
});

export const instrumentations: ServerInstrumentation[] = [
  {
    route(route) {
      route.instrument({
        async loader(callLoader, { context }) {
          const started = performance.now();
          await callLoader();
          const timing = context.get(timingContext);
          if (!timing) return;
          // Loaders of one request run side by side: from the first start to the last end.
          timing.loaderStart = Math.min(timing.loaderStart ?? started, started);
          timing.loaderEnd = Math.max(timing.loaderEnd ?? 0, performance.now());
        },
      });
    },
  },
];

/** The header's value: `loader` (when loaders ran) and `app`, in milliseconds. */
export function serverTiming(timing: RequestTiming): string {
  const parts: string[] = [];
  if (timing.loaderStart !== null && timing.loaderEnd !== null) {
    parts.push(`loader;dur=${(timing.loaderEnd - timing.loaderStart).toFixed(1)}`);
  }
  parts.push(`app;dur=${(performance.now() - timing.started).toFixed(1)}`);
  return parts.join(', ');
}
