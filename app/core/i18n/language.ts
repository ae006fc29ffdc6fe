import { redirect } from 'react-router';

import { LANG_COOKIE, isLang, localizePath, stripLang } from './config';
import { safeRedirectPath } from '../http/safe-redirect';
import type { Route } from './+types/language';

const ONE_YEAR = 60 * 60 * 24 * 365;

/**
 * The language switcher: /language?to=zh&next=/projects?page=2 remembers the choice in a cookie
 * and redirects to the same page and query in that language. Works without JavaScript.
 */
export function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const to = url.searchParams.get('to');
  const lang = isLang(to) ? to : 'en';
  const home = localizePath('/', lang);
  // Only paths on this site (app/core/http/safe-redirect.ts), checked again once the language prefix
  // is swapped: "/zh//evil.example" without its "/zh" would be another site.
  const next = new URL(safeRedirectPath(url.searchParams.get('next'), '/'), url.origin);
  const target = safeRedirectPath(
    `${localizePath(stripLang(next.pathname), lang)}${next.search}${next.hash}`,
    home,
  );
  return redirect(target, {
    headers: {
      'Set-Cookie': `${LANG_COOKIE}=${lang}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax`,
    },
  });
}
