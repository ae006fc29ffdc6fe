import { expect, test } from 'vitest';

import { type SessionUser, canEditMilestones, isSessionAlive } from './auth';

const user = (role: SessionUser['role'], organisationId: number | null = 7): SessionUser => ({
  id: 1,
  email: 'a@b.org',
  name: 'A',
  role,
  organisationId,
});

test('admins and editors edit any project; implementers only where their organisation implements', () => {
  const links = [
    { organisationId: 7, role: 'implementing-partner' as const },
    { organisationId: 9, role: 'commissioning-ministry' as const },
  ];
  expect(canEditMilestones(user('admin'), [])).toBe(true);
  expect(canEditMilestones(user('editor'), [])).toBe(true);
  expect(canEditMilestones(user('implementer'), links)).toBe(true);
  // Commissioning is not implementing.
  expect(canEditMilestones(user('implementer', 9), links)).toBe(false);
  expect(canEditMilestones(user('implementer', null), links)).toBe(false);
  expect(canEditMilestones(user('viewer'), links)).toBe(false);
  expect(canEditMilestones(null, links)).toBe(false);
});

test('session lifetimes: 8 hours idle, 7 days in all', () => {
  const t0 = '2026-06-15T00:00:00.000Z';
  expect(isSessionAlive(t0, t0, '2026-06-15T07:59:59.000Z')).toBe(true);
  expect(isSessionAlive(t0, t0, '2026-06-15T08:00:00.000Z')).toBe(false);
  expect(isSessionAlive(t0, '2026-06-21T23:00:00.000Z', '2026-06-21T23:59:59.000Z')).toBe(true);
  expect(isSessionAlive(t0, '2026-06-21T23:00:00.000Z', '2026-06-22T00:00:00.000Z')).toBe(false);
});
