// Every redirect target that comes from a request (`next` of the sign-in and language pages, the
// page a signed-out visitor is sent back to) passes safeRedirectPath(): the hub never sends a
// browser to another site because a link said so.

/** Longer targets are refused: no page of the hub needs one, and every header has its limit. */
const MAX_TARGET_LENGTH = 2048;
/** A dummy origin to resolve against; a target that leaves it is another site. */
const BASE = 'http://hub.invalid';

/**
 * Backslashes (browsers read `/\evil` as `//evil`), control characters and every kind of
 * whitespace, Unicode spaces (U+3000, U+2028 …) included: the URL parser drops or rewrites some
 * of them, so a target that carries one is not the same address to every reader.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTER = /[\\\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2060\ufeff]/;

/** The path as it reads once percent-decoded, as often as it decodes (null if it does not). */
function decodedLayers(path: string): string[] | null {
  const layers = [path];
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(layers.at(-1)!);
    } catch {
      return null;
    }
    if (next === layers.at(-1)) break;
    layers.push(next);
  }
  return layers;
}

/** Whether a path, read as it stands, is a path on this site (see safeRedirectPath). */
function isOwnPath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//') || UNSAFE_CHARACTER.test(path)) return false;
  try {
    const url = new URL(path, BASE);
    return url.origin === BASE && !url.pathname.startsWith('//');
  } catch {
    return false;
  }
}

/**
 * A redirect target on this site, or `fallback`: only a path (`/…`), never an absolute or
 * protocol-relative address. The value is checked as written (no `//`, `/\`, backslash, control
 * character or whitespace anywhere) and again after URL normalisation (dot segments resolved,
 * against a dummy origin: the origin must not change and the path must not start with `//`),
 * also as its path reads once percent-decoded (`/%2F%2Fevil`, `/.%2F%2Fevil`, double encoding),
 * in case anything between here and the browser decodes it. What comes back is the normalised
 * path, query and fragment.
 */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length > MAX_TARGET_LENGTH || !isOwnPath(value)) {
    return fallback;
  }
  const url = new URL(value, BASE);
  const layers = decodedLayers(url.pathname);
  if (!layers?.every(isOwnPath)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
