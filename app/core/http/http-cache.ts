import { createHash } from 'node:crypto';

// HTTP caching of the public hub: validators, conditional requests and who may store what.
// Pure helpers; the root middleware (security-middleware.server.ts) applies them to every response.

/** Signed-out reads: the same for every visitor, so browsers and shared caches may keep them. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';
/** Anything personal (a signed-in page, a page holding this browser's CSRF token, a cookie). */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/** A strong entity tag: the SHA-256 of the exact bytes sent (first 128 bits, base64url). */
export function strongEtag(body: Uint8Array | string): string {
  const digest = createHash('sha256').update(body).digest('base64url');
  return `"${digest.slice(0, 22)}"`;
}

/**
 * The opaque tags of an If-None-Match list (`"a", W/"b"`), without their W/ prefix, or '*'.
 * Commas may appear inside a quoted tag, so the list is read tag by tag rather than split.
 */
export function parseEntityTags(header: string): string[] | '*' {
  if (header.trim() === '*') return '*';
  const tags: string[] = [];
  let i = 0;
  while (i < header.length) {
    if (', \t'.includes(header[i]!)) {
      i++;
      continue;
    }
    if (header.startsWith('W/', i)) i += 2;
    const end = header[i] === '"' ? header.indexOf('"', i + 1) : -1;
    // Not an entity tag: the rest of the header cannot be trusted to match anything.
    if (end < 0) break;
    tags.push(header.slice(i, end + 1));
    i = end + 1;
  }
  return tags;
}

/**
 * Whether a request's If-None-Match names the current representation (RFC 9110 §13.1.2: weak
 * comparison, so `W/"x"` matches `"x"`; `*` matches anything that exists).
 */
export function ifNoneMatchMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  const tags = parseEntityTags(header);
  if (tags === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return tags.includes(opaque);
}

/**
 * A 304 without a body when the request's If-None-Match names the response's ETag, else the
 * response. The browser keeps its body and takes these headers: the same ETag, policy and hashes.
 */
export function notModifiedIfMatching(
  request: Pick<Request, 'headers'>,
  response: Response,
): Response {
  const etag = response.headers.get('ETag');
  if (!etag || !ifNoneMatchMatches(request.headers.get('If-None-Match'), etag)) return response;
  const headers = new Headers(response.headers);
  headers.delete('Content-Type');
  headers.delete('Content-Length');
  return new Response(null, { status: 304, headers });
}

/**
 * The CSP sources (`'sha256-…'`) of every inline script in an HTML document, in order and without
 * repeats. Browsers hash a script's text after HTML's newline normalisation, so CR LF and lone CR
 * are hashed as LF; scripts with a src are governed by 'self' and are skipped.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(` ${match[1]}`)) continue;
    const text = match[2]!.replace(/\r\n?/g, '\n');
    hashes.add(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

export interface CacheDecision {
  /** The Cache-Control to send; null leaves the response's own (or none). */
  cacheControl: string | null;
  /** Whether the response gets an ETag and answers a matching If-None-Match with 304. */
  etag: boolean;
}

/**
 * Who may store a response. Only a public read (signed out, nothing personal rendered into it)
 * answered 200 to a GET or HEAD, without a cookie, is public; a route that already marked its
 * answer private or no-store keeps that. Everything personal is never stored.
 */
export function cacheDecision(response: {
  isPublicRead: boolean;
  method: string;
  status: number;
  setsCookie: boolean;
  cacheControl: string | null;
}): CacheDecision {
  if (!response.isPublicRead || response.setsCookie) {
    return { cacheControl: PRIVATE_CACHE_CONTROL, etag: false };
  }
  if (/\b(?:private|no-store)\b/i.test(response.cacheControl ?? '')) {
    return { cacheControl: null, etag: false };
  }
  // A HEAD gets the header fields of the GET (RFC 9110 §9.3.2), validators and policy included.
  if (['GET', 'HEAD'].includes(response.method.toUpperCase()) && response.status === 200) {
    return { cacheControl: PUBLIC_CACHE_CONTROL, etag: true };
  }
  return { cacheControl: null, etag: false };
}
