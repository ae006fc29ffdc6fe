import { expect, test } from 'vitest';

import type { SessionUser } from './auth';
import { isAllowed } from './permissions';

const user = (role: SessionUser['role'], organisationId: number | null = null): SessionUser => ({
  id: 1,
  email: 'a@example.org',
  name: 'A',
  role,
  organisationId,
});

test('editors means admins and editors only', () => {
  expect(isAllowed('editors', user('admin'))).toBe(true);
  expect(isAllowed('editors', user('editor'))).toBe(true);
  expect(isAllowed('editors', user('implementer', 3))).toBe(false);
  expect(isAllowed('editors', user('viewer'))).toBe(false);
  expect(isAllowed('editors', null)).toBe(false);
});

test('an implementer edits milestones only where its organisation implements the project', () => {
  const links = [{ organisationId: 3, role: 'implementing-organisation' as const }];
  expect(isAllowed('milestone-editors', user('implementer', 3), links)).toBe(true);
  expect(isAllowed('milestone-editors', user('implementer', 4), links)).toBe(false);
  expect(
    isAllowed('milestone-editors', user('implementer', 3), [
      { organisationId: 3, role: 'commissioning-ministry' },
    ]),
  ).toBe(false);
});

test('signed-in needs an account and anyone needs none', () => {
  expect(isAllowed('signed-in', user('viewer'))).toBe(true);
  expect(isAllowed('signed-in', null)).toBe(false);
  expect(isAllowed('anyone', null)).toBe(true);
  expect(isAllowed('admins', user('editor'))).toBe(false);
  expect(isAllowed('admins', user('admin'))).toBe(true);
});

test('contributors means admins, editors and implementers of any organisation', () => {
  expect(isAllowed('contributors', user('admin'))).toBe(true);
  expect(isAllowed('contributors', user('editor'))).toBe(true);
  expect(isAllowed('contributors', user('implementer', 3))).toBe(true);
  expect(isAllowed('contributors', user('implementer'))).toBe(true);
  expect(isAllowed('contributors', user('viewer'))).toBe(false);
  expect(isAllowed('contributors', null)).toBe(false);
});
