import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

import { dataStamp } from '../../../db/query-cache.server';
import { getDb } from '../db.server';
import { today } from '../clock';
import { env } from '../env.server';
import { notModifiedIfMatching } from './http-cache';

// The server's own shared cache of signed-out answers: a public page or API answer (one that got
// an ETag and `Cache-Control: public`) is kept in memory by its URL, so the next visitor gets the
// same bytes without a loader or a render — what a CDN in front of the hub would do, for a hub
// that has none. The answers are exactly the ones a render would give now:
// - every entry belongs to one data stamp (db/query-cache.server.ts: each write through
//   the app, each commit by another process) and one "today"; a new stamp empties the cache, and
//   an answer computed while the data moved on is not kept;
// - an answer that varies on request headers (its Vary, e.g. `/` on Accept-Language) is served
//   only to requests with the same values, and `Vary: *` is never kept.
// Because an entry is exact, a request's own Cache-Control (a browser's reload) does not bypass it.
// The memory is bounded (HUB_RESPONSE_CACHE_MB): the least recently used answers go first. An
// answer larger than an eighth of it (an unfiltered export at 10 000 projects: 69 MB of IATI XML,
// 19 MB of calendar) is kept gzipped only, if that copy fits; a client that does not take gzip
// gets it unzipped. Both run on libuv's thread pool, not on the thread that answers requests.

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Answers of one URL kept side by side (different Vary values); the oldest goes first. */
const MAX_VARIANTS = 4;
/** Below this size gzip saves too little to be worth a header. */
const GZIP_MIN_BYTES = 1024;
const COMPRESSIBLE =
  /^(?:text\/|application\/(?:json|xml|javascript|geo\+json|ld\+json|atom\+xml)|image\/svg)/;

interface Variant {
  /** The request's value of each header the answer varies on (lower-case names). */
  vary: [string, string | null][];
  status: number;
  headers: [string, string][];
  /** The bytes as rendered; null for an answer kept gzipped only (too large to keep as it is). */
  body: Uint8Array<ArrayBuffer> | null;
  gzipped: Promise<Uint8Array<ArrayBuffer> | null> | null;
  bytes: number;
}

/** Whether an Accept-Encoding header allows gzip (`gzip` or `*` with a q above 0). */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  let gzipQ: number | null = null;
  let anyQ: number | null = null;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const quality = Number.isFinite(q) ? q : 0;
    if (name === 'gzip' || name === 'x-gzip') gzipQ = quality;
    else if (name === '*') anyQ = quality;
  }
  return (gzipQ ?? anyQ ?? 0) > 0;
}

/** Whether gzip is worth trying on an answer: a text type, not already encoded, not tiny. */
function compressible(headers: [string, string][], body: Uint8Array): boolean {
  const type = headers.find(([name]) => name === 'content-type')?.[1] ?? '';
  return (
    body.byteLength >= GZIP_MIN_BYTES &&
    COMPRESSIBLE.test(type) &&
    !headers.some(([name]) => name === 'content-encoding')
  );
}

const varyNames = (vary: string | null) =>
  (vary ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);

export interface ResponseCacheOptions {
  /** The byte budget of bodies (and their gzipped copies) together. */
  maxBytes: number;
  /** What the data is at now; a different value empties the cache. */
  stamp: () => string;
}

export class ResponseCache {
  private readonly entries = new Map<string, Variant[]>();
  private bytes = 0;
  private currentStamp: string | null = null;

  constructor(private readonly options: ResponseCacheOptions) {}

  /** The stamp an answer is computed at: pass it to put() once the answer is ready. */
  stamp(): string {
    const stamp = this.options.stamp();
    if (stamp !== this.currentStamp) {
      this.entries.clear();
      this.bytes = 0;
      this.currentStamp = stamp;
    }
    return stamp;
  }

  get size() {
    return {
      answers: [...this.entries.values()].reduce((n, v) => n + v.length, 0),
      bytes: this.bytes,
    };
  }

  /** The kept answer for this GET (a 304 if its If-None-Match names it), or null. */
  async match(request: Pick<Request, 'url' | 'headers'>): Promise<Response | null> {
    if (this.options.maxBytes <= 0) return null;
    this.stamp();
    const variants = this.entries.get(request.url);
    const variant = variants?.find((v) =>
      v.vary.every(([name, value]) => request.headers.get(name) === value),
    );
    if (!variants || !variant) return null;
    // Least recently used goes first: a hit moves its URL to the end.
    this.entries.delete(request.url);
    this.entries.set(request.url, variants);

    const headers = new Headers(variant.headers);
    headers.set('X-Hub-Cache', 'hit');
    if (request.headers.has('If-None-Match')) {
      const conditional = notModifiedIfMatching(request, new Response(null, { headers }));
      if (conditional.status === 304) return conditional;
    }
    const wantsGzip = acceptsGzip(request.headers.get('Accept-Encoding'));
    let body: Uint8Array<ArrayBuffer>;
    if (variant.body === null) {
      const gzipped = await variant.gzipped;
      // Its compressed copy turned out too large to keep: render it again.
      if (!gzipped) return null;
      if (wantsGzip) {
        body = gzipped;
        headers.set('Content-Encoding', 'gzip');
        headers.append('Vary', 'Accept-Encoding');
      } else {
        body = new Uint8Array(await gunzipAsync(gzipped));
      }
    } else {
      body = variant.body;
      if (wantsGzip && compressible(variant.headers, variant.body)) {
        variant.gzipped ??= this.compress(variant, variant.body);
        const gzipped = await variant.gzipped;
        if (gzipped) {
          body = gzipped;
          headers.set('Content-Encoding', 'gzip');
          headers.append('Vary', 'Accept-Encoding');
        }
      }
    }
    headers.set('Content-Length', String(body.byteLength));
    return new Response(body, { status: variant.status, headers });
  }

  /**
   * Keeps a public answer to this GET, computed at `stamp`, unless the data has moved on since,
   * it varies on everything, or it is too large for the budget.
   */
  put(request: Request, response: Response, body: Uint8Array<ArrayBuffer>, stamp: string): void {
    const { maxBytes } = this.options;
    if (maxBytes <= 0 || stamp !== this.stamp()) return;
    const names = varyNames(response.headers.get('Vary'));
    if (names.includes('*') || response.headers.has('Set-Cookie')) return;
    const headers = [...response.headers].filter(([name]) => name !== 'x-hub-cache');
    const headerBytes = headers.reduce((n, [k, v]) => n + k.length + v.length, 0);
    const isLarge = body.byteLength + headerBytes > maxBytes / 8;
    if (isLarge && !compressible(headers, body)) return;
    const variant: Variant = {
      vary: names.map((name) => [name, request.headers.get(name)]),
      status: response.status,
      headers,
      body: isLarge ? null : body,
      gzipped: null,
      // A large answer counts once its compressed copy is made (compress()).
      bytes: isLarge ? headerBytes : body.byteLength + headerBytes,
    };
    const variants = (this.entries.get(request.url) ?? []).filter((v) => {
      const same = v.vary.every(([name, value]) => request.headers.get(name) === value);
      if (same) this.bytes -= v.bytes;
      return !same;
    });
    variants.push(variant);
    while (variants.length > MAX_VARIANTS) this.bytes -= variants.shift()!.bytes;
    this.entries.delete(request.url);
    this.entries.set(request.url, variants);
    this.bytes += variant.bytes;
    this.evict();
    if (isLarge) variant.gzipped = this.compress(variant, body);
  }

  /**
   * The gzipped copy of a variant's body (null: gzip saves nothing, or the copy of a large answer
   * is itself too large, and then the answer is dropped). Counted while the answer is still kept.
   */
  private async compress(
    variant: Variant,
    body: Uint8Array<ArrayBuffer>,
  ): Promise<Uint8Array<ArrayBuffer> | null> {
    const stamp = this.currentStamp;
    const gzipped = new Uint8Array(await gzipAsync(body));
    const isKept =
      stamp === this.currentStamp && [...this.entries.values()].some((vs) => vs.includes(variant));
    const tooLarge =
      variant.body === null && variant.bytes + gzipped.byteLength > this.options.maxBytes / 8;
    if (gzipped.byteLength >= body.byteLength || tooLarge) {
      if (variant.body === null && isKept) this.drop(variant);
      return null;
    }
    if (isKept) {
      variant.bytes += gzipped.byteLength;
      this.bytes += gzipped.byteLength;
      this.evict();
    }
    return gzipped;
  }

  /** Forgets one kept answer. */
  private drop(variant: Variant) {
    for (const [url, variants] of this.entries) {
      const at = variants.indexOf(variant);
      if (at < 0) continue;
      variants.splice(at, 1);
      if (variants.length === 0) this.entries.delete(url);
      this.bytes -= variant.bytes;
      return;
    }
  }

  private evict() {
    while (this.bytes > this.options.maxBytes && this.entries.size > 0) {
      const [oldest, variants] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      for (const v of variants) this.bytes -= v.bytes;
    }
  }
}

let appCache: ResponseCache | undefined;

/** The app's cache, over the app's database connection and clock. */
export function responseCache(): ResponseCache {
  appCache ??= new ResponseCache({
    maxBytes: env.HUB_RESPONSE_CACHE_MB * 1024 * 1024,
    stamp: () => `${dataStamp(getDb())}:${today()}`,
  });
  return appCache;
}
