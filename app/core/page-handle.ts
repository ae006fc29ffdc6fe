// What a route module says about its page to the document shell (root.tsx), through `handle`.

export interface PageHandle {
  /**
   * `false`: the page is complete as server-rendered HTML (links and GET forms), so the shell
   * sends no JavaScript for it: no hydration, no loader data in the HTML, no module preloads.
   * Pages with browser widgets (map, charts) or forms checked in the browser leave it unset.
   * A function decides from the page's loader data: a page that is text unless its record has
   * something only a browser widget draws (a project's indicator chart, decision 0062).
   */
  hydrate?: boolean | ((data: unknown) => boolean);
}

/** The handle of a page that works without JavaScript. */
export const SERVER_ONLY_PAGE: PageHandle = { hydrate: false };

/** The handle of a page that is server-only unless its loader data asks for its widgets. */
export function serverOnlyUnless<T>(needsScripts: (data: T) => boolean): PageHandle {
  return { hydrate: (data) => needsScripts(data as T) };
}

/** Whether the matched routes want the page hydrated: any route saying `false` decides. */
export function wantsHydration(matches: readonly { handle?: unknown; data?: unknown }[]): boolean {
  return !matches.some((m) => {
    const hydrate = (m.handle as PageHandle | undefined)?.hydrate;
    return typeof hydrate === 'function' ? !hydrate(m.data) : hydrate === false;
  });
}
