import { redirect } from 'react-router';

import { LANG_COOKIE, isLang, localizePath, stripLang } from '../i18n/config';
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
  // Only same-site paths: "//evil.example" or "https://…" would make this an open redirect.
  const next = url.searchParams.get('next') ?? '/';
  const target = new URL(next.startsWith('/') && !next.startsWith('//') ? next : '/', url.origin);
  if (target.origin !== url.origin) target.href = new URL('/', url.origin).href;
  const path = localizePath(stripLang(target.pathname), lang);
  return redirect(`${path}${target.search}`, {
    headers: {
      'Set-Cookie': `${LANG_COOKIE}=${lang}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax`,
    },
  });
}
