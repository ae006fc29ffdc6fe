import { type RouterContextProvider, createContext, data, redirectDocument } from 'react-router';

import type { SessionUser } from '../auth/auth';
import { getSessionUser, signOut } from '../auth/users.server';
import { now } from '../clock';
import { langFromPath, localizePath } from '../i18n/config';
import { SESSION_COOKIE, clearSessionCookie } from './cookies.server';
import { safeRedirectPath } from './safe-redirect';

// Who is signed in, for the rest of the request: set by securityMiddleware, read by loaders and
// actions through these contexts.

export const userContext = createContext<SessionUser | null>(null);
export const sessionTokenContext = createContext<string | null>(null);

/**
 * Reads the session cookie into the request's context; a cookie whose session has ended is
 * cleared (appended to `setCookies`). Returns the user and their session token.
 */
export function startSession(
  context: Readonly<RouterContextProvider>,
  cookies: Record<string, string>,
  setCookies: string[],
): { user: SessionUser | null; token: string | null } {
  const token = cookies[SESSION_COOKIE];
  const user = token ? getSessionUser(token, now()) : null;
  if (token && !user) setCookies.push(clearSessionCookie());
  context.set(userContext, user);
  context.set(sessionTokenContext, user ? token! : null);
  return { user, token: user ? token! : null };
}

/** The page to come back to after signing in: this one, if it is a safe target. */
export const returnPath = (url: URL) => safeRedirectPath(url.pathname + url.search, '/');

/** The signed-in user, or a redirect to the sign-in page (GET) / 401 (writes). */
export function requireUser(
  context: Readonly<RouterContextProvider>,
  request: Request,
): SessionUser {
  const user = context.get(userContext);
  if (user) return user;
  const url = new URL(request.url);
  if (request.method.toUpperCase() === 'GET') {
    // A full page load even from a client-side navigation: the sign-in page must come from the
    // server with this browser's CSRF token, which public pages do not carry.
    throw redirectDocument(
      localizePath(
        `/login?next=${encodeURIComponent(returnPath(url))}`,
        langFromPath(url.pathname),
      ),
    );
  }
  throw data('Sign in to do this.', { status: 401 });
}

/** Ends the session of this request (recorded in the audit log as a sign-out). */
export function endSession(context: Readonly<RouterContextProvider>): void {
  const token = context.get(sessionTokenContext);
  const user = context.get(userContext);
  if (token && user) signOut(token, user, now());
}
