import { createContext } from 'react-router';

import { env } from '../env.server';

// The headers every answer carries: the content security policy and its friends.

/** This response's CSP nonce; empty for a public read, whose inline scripts are hashed instead. */
export const nonceContext = createContext<string>('');

/** The CSP, allowing inline scripts by this response's nonce or by the hashes of their text. */
export function contentSecurityPolicy(scriptSources: string[]): string {
  const tileHost = env.MAP_TILE_URL
    ? new URL(env.MAP_TILE_URL.replace(/\{[a-z]\}/g, 'x')).origin
    : '';
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptSources].join(' '),
    // Leaflet positions its panes with style attributes.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tileHost ? ` ${tileHost}` : ''}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The security headers of an answer whose inline scripts carry this nonce ('' for none). */
export function securityHeaders(nonce: string): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
  };
  // Vite's dev server injects scripts of its own; the policy applies to the built hub.
  if (env.NODE_ENV !== 'development') {
    headers['Content-Security-Policy'] = contentSecurityPolicy(nonce ? [`'nonce-${nonce}'`] : []);
  }
  return headers;
}

/** The response with these headers set and these cookies appended. */
export function withHeaders(
  response: Response,
  headers: Record<string, string>,
  cookies: string[],
) {
  // A redirect made with Response.redirect() has immutable headers: copy it first.
  let out = response;
  try {
    for (const [k, v] of Object.entries(headers)) out.headers.set(k, v);
  } catch {
    out = new Response(response.body, response);
    for (const [k, v] of Object.entries(headers)) out.headers.set(k, v);
  }
  for (const c of cookies) out.headers.append('Set-Cookie', c);
  return out;
}
