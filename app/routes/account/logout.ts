import { redirect } from 'react-router';

import { authorize, clearSessionCookie, endSession } from '../../auth.server';
import { langFromPath, localizePath } from '../../i18n/config';
import type { Route } from './+types/logout';

export function action({ request, context }: Route.ActionArgs) {
  authorize(context, request, 'routes/account/logout.ts');
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
