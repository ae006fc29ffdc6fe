// What a route module says about its page to the document shell (root.tsx), through `handle`.

export interface PageHandle {
  /**
   * `false`: the page is complete as server-rendered HTML (links and GET forms), so the shell
   * sends no JavaScript for it: no hydration, no loader data in the HTML, no module preloads.
   * Pages with browser widgets (map, charts) or forms checked in the browser leave it unset.
   */
  hydrate?: boolean;
}

/** The handle of a page that works without JavaScript. */
export const SERVER_ONLY_PAGE: PageHandle = { hydrate: false };

/** Whether the matched routes want the page hydrated: any route saying `false` decides. */
export function wantsHydration(handles: readonly unknown[]): boolean {
  return !handles.some((h) => (h as PageHandle | undefined)?.hydrate === false);
}
