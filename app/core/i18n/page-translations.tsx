import { createContext, useContext } from 'react';

import { I18nInstanceContext, type PageI18n } from './context';

/*
 * What a hydrated page sends the browser of its language (decision 0084): the namespaces (the
 * first part of a key: `dashboard`, `filter` …) its server render asked for, as a JSON data block
 * at the end of the page, instead of a script of every text of the language (26–29 KB gzipped).
 * The browser hydrates with them; before its first client-side navigation (root.tsx's client
 * middleware) it loads the whole language, which any page may then need.
 */

export const PAGE_TRANSLATIONS_ID = 'hub-translations';

/**
 * Sent with every hydrated page whatever its render asked: texts that browser code may show
 * without the server having rendered them (form errors, error pages, pagination, the map
 * widgets' own texts: the portfolio map's and the place picker's).
 */
const ALWAYS_SENT = ['common', 'error', 'form', 'map', 'pagination', 'site'];

/**
 * The server's record of the namespaces one request's render asked for. A context of its own,
 * not a property of the i18next instance: one instance serves every request in its language
 * (i18next.server.ts), and renders run side by side. Null in the browser.
 */
export const RenderedNamespacesContext = createContext<Set<string> | null>(null);

/** Server: a new record for one request's render, holding the always-sent namespaces. */
export function recordNamespaces(): Set<string> {
  return new Set(ALWAYS_SENT);
}

/**
 * For a page whose browser code shows texts its server render did not (a map's popups): the
 * namespaces to send with it as well. Does nothing in the browser.
 */
export function useBrowserNamespaces(namespaces: readonly string[]): void {
  const record = useContext(RenderedNamespacesContext);
  if (record) for (const ns of namespaces) record.add(ns);
}

/** Notes the namespace of each key (`t` takes one key or a list of them). */
export function noteKeys(namespaces: Set<string>, key: unknown): void {
  for (const k of Array.isArray(key) ? key : [key]) {
    if (typeof k !== 'string') continue;
    const dot = k.indexOf('.');
    namespaces.add(dot === -1 ? k : k.slice(0, dot));
  }
}

type Tree = { [key: string]: string | Tree };

/** Server: the namespaces rendered, as JSON safe inside a <script> element. */
function renderedJson(i18n: PageI18n, used: Set<string> | null): string {
  const bundle = (
    i18n as PageI18n & { getResourceBundle?: (lng: string, ns: string) => Tree | undefined }
  ).getResourceBundle?.(i18n.language, 'translation');
  const subset: Tree = {};
  for (const ns of [...(used ?? [])].sort()) {
    if (bundle && Object.hasOwn(bundle, ns)) subset[ns] = bundle[ns]!;
  }
  return JSON.stringify(subset).replace(/</g, '\\u003c');
}

/**
 * The data block. Last in the document, so that the whole page has rendered (and asked for its
 * texts) before it; in the browser it keeps the text the server sent.
 */
export function PageTranslations({ nonce }: { nonce?: string }) {
  const i18n = useContext(I18nInstanceContext);
  const used = useContext(RenderedNamespacesContext);
  const json =
    typeof document === 'undefined'
      ? i18n
        ? renderedJson(i18n, used)
        : '{}'
      : (document.getElementById(PAGE_TRANSLATIONS_ID)?.textContent ?? '{}');
  return (
    // React writes a <script>'s text as it is; the JSON has no `<` to end it early.
    // It carries the request's nonce like every inline script (a data block runs nothing, but the
    // policy has one rule for them all).
    <script
      type="application/json"
      id={PAGE_TRANSLATIONS_ID}
      nonce={nonce}
      suppressHydrationWarning
    >
      {json}
    </script>
  );
}

/** Browser: how to load the whole language (set by entry.client.tsx). */
let loadWhole: () => Promise<void> = () => Promise.resolve();
let whole: Promise<void> | null = null;

export function setWholeLanguage(load: () => Promise<void>): void {
  loadWhole = load;
  whole = null;
}

/** Browser: the whole language, loaded once (before the first client-side navigation). */
export function wholeLanguage(): Promise<void> {
  whole ??= loadWhole();
  return whole;
}
