import { type RouterContextProvider, data } from 'react-router';

import { requireUser, userContext } from '../http/session.server';
import type { SessionUser } from './auth';
import { PERMISSIONS, type Permission, isAllowed } from './permissions';
import { listProjectOrganisationRoles } from './users.server';

/**
 * The user, who must hold this permission (app/core/auth/permissions.ts): a redirect to sign-in
 * (GET) or 401 when signed out, 403 when the account may not. Loaders of the forms call it too,
 * so a page never offers what its action would refuse.
 */
export function authorize(
  context: Readonly<RouterContextProvider>,
  request: Request,
  permission: Permission,
  scope: { projectId?: number } = {},
): SessionUser {
  const access = PERMISSIONS[permission];
  const user = access === 'anyone' ? context.get(userContext) : requireUser(context, request);
  const links = scope.projectId === undefined ? [] : listProjectOrganisationRoles(scope.projectId);
  if (!isAllowed(access, user, links)) {
    throw data('Your account may not do this.', { status: 403 });
  }
  return user!;
}
