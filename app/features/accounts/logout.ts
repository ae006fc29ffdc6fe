import { redirect } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { clearSessionCookie } from '../../core/http/cookies.server';
import { endSession } from '../../core/http/session.server';
import { langFromPath, localizePath } from '../../core/i18n/config';
import type { Route } from './+types/logout';

export function action({ request, context }: Route.ActionArgs) {
  authorize(context, request, 'account.sign-out');
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
