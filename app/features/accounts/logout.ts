import { redirect } from 'react-router';

import { authorize, clearSessionCookie, endSession } from '../../core/http/middleware.server';
import { langFromPath, localizePath } from '../../core/i18n/config';
import type { Route } from './+types/logout';

export function action({ request, context }: Route.ActionArgs) {
  authorize(context, request, 'features/accounts/logout.ts');
  endSession(context);
  const lang = langFromPath(new URL(request.url).pathname);
  return redirect(localizePath('/', lang), {
    status: 303,
    headers: { 'Set-Cookie': clearSessionCookie() },
  });
}

export function loader() {
  return redirect('/');
}
