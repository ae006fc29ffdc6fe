import { type RouterContextProvider, createContext } from 'react-router';

import { stripLang } from '../i18n/config';
import { env } from '../env.server';

// What a request may be before the hub reads it: its method and the size of its body, decided by
// its path alone. The production server (scripts/serve.mjs, through entry.server.tsx) applies these
// rules before React Router runs, so a refused request costs nothing; the root middleware applies
// them again, so they also hold under `npm run dev`.

/**
 * The client's address, as the production server worked it out from the connection and
 * HUB_TRUST_PROXY (null where nothing set it, e.g. under `npm run dev`).
 */
export const clientAddressContext = createContext<string | null>(null);

export function clientAddress(context: Readonly<RouterContextProvider>): string | null {
  return context.get(clientAddressContext);
}

/**
 * The route's own path: React Router's client sends a page's data requests and form posts to
 * `<path>.data`, and those of a path ending in `/` (the index page's too) to `<path>/_.data`
 * (future.v8_trailingSlashAwareDataRequests); the rules are the page's.
 */
export function routePath(pathname: string): string {
  if (pathname.endsWith('/_.data')) return pathname.slice(0, -'_.data'.length);
  return pathname.endsWith('.data') ? pathname.slice(0, -'.data'.length) : pathname;
}

/** Pages answer reads and form posts. */
const PAGE_METHODS = ['GET', 'HEAD', 'POST'] as const;
/** Files and data (APIs, exports, the pack's files, the language switch, the basemap) are read only. */
const READ_METHODS = ['GET', 'HEAD'] as const;

const isReadOnlyPath = (path: string) =>
  path.startsWith('/api/') ||
  /^\/documents\/[^/]+\/file$/.test(stripLang(path)) ||
  path.startsWith('/export/') ||
  // The workshop pack's files (features/pack/pack-file.ts).
  /^(?:\/reporting\/[^/]+)?\/report\.(?:pptx|docx)$/.test(path) ||
  path === '/language' ||
  path === '/locator-basemap.svg';

/** The methods a path answers (the `Allow` header of a 405). */
export function allowedMethods(pathname: string): readonly string[] {
  return isReadOnlyPath(routePath(pathname)) ? READ_METHODS : PAGE_METHODS;
}

export interface MethodRefusal {
  status: 204 | 405;
  allow: string;
}

/**
 * How a request with a method its path does not answer is refused, or null when the method is
 * answered. OPTIONS on the API is answered 204 with `Allow` (what a client asks before a request);
 * anything else the hub does not answer (TRACE, CONNECT, PUT, WebDAV's PROPFIND …) is 405 with
 * `Allow`, before React Router, which would otherwise render an error page for it.
 */
export function refuseMethod(method: string, pathname: string): MethodRefusal | null {
  const allowed = allowedMethods(pathname);
  const upper = method.toUpperCase();
  if (allowed.includes(upper)) return null;
  if (upper === 'OPTIONS' && routePath(pathname).startsWith('/api/')) {
    return { status: 204, allow: [...allowed, 'OPTIONS'].join(', ') };
  }
  return { status: 405, allow: allowed.join(', ') };
}

/** The pages whose forms send a file, in every language: the IATI upload and a new document. */
const UPLOAD_PATHS = ['/import', '/documents/new'];

export function isUploadPath(pathname: string): boolean {
  return UPLOAD_PATHS.includes(stripLang(routePath(pathname)));
}

/** Whether this body is a file upload, streamed to disk instead of read into memory. */
export function isStreamedUpload(pathname: string, contentType: string | null): boolean {
  return isUploadPath(pathname) && /^multipart\/form-data\b/i.test(contentType ?? '');
}

export const maxFormBytes = () => env.HUB_MAX_BODY_KB * 1024;
export const maxUploadBytes = () => env.HUB_MAX_UPLOAD_MB * 1024 * 1024;
export const maxDocumentBytes = () => env.HUB_MAX_DOCUMENT_MB * 1024 * 1024;

/** The largest file an upload page takes: a document's limit, or the IATI file's. */
export function uploadLimit(pathname: string): number {
  return stripLang(routePath(pathname)) === '/documents/new'
    ? maxDocumentBytes()
    : maxUploadBytes();
}

/**
 * The largest body a request may carry, counted in bytes as it arrives (chunked bodies
 * included): an upload's limit for a file sent to the upload page (streamed to a temporary file,
 * never held in memory), the form limit for everything else (small enough to read whole).
 */
export function bodyLimit(pathname: string, contentType: string | null): number {
  return isStreamedUpload(pathname, contentType) ? uploadLimit(pathname) : maxFormBytes();
}
