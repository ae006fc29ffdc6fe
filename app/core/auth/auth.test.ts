import { expect, test } from 'vitest';

import {
  SIGN_IN_PER_ACCOUNT_AND_ADDRESS,
  SIGN_IN_PER_ADDRESS,
  type SessionUser,
  canEditMilestones,
  isSessionAlive,
  limitedAddress,
} from './auth';
import { blockAfter } from './attempt-limits.server';

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

test('attempt limits: free tries, then a block that doubles up to a day', () => {
  const rule = SIGN_IN_PER_ACCOUNT_AND_ADDRESS;
  const minutes = [1, 4, 5, 6, 7, 8, 12, 13, 40].map((n) => blockAfter(rule, n) / 60_000);
  expect(minutes).toEqual([0, 0, 15, 30, 60, 120, 1440, 1440, 1440]);
  expect(blockAfter(SIGN_IN_PER_ADDRESS, 19)).toBe(0);
  expect(blockAfter(SIGN_IN_PER_ADDRESS, 20)).toBe(15 * 60_000);
});

test('limits count IPv4 addresses as they are and IPv6 addresses by their /64', () => {
  expect(limitedAddress('198.51.100.7')).toBe('198.51.100.7');
  expect(limitedAddress('::ffff:198.51.100.7')).toBe('198.51.100.7');
  expect(limitedAddress('::ffff:c633:6407')).toBe('198.51.100.7');
  expect(limitedAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
  expect(limitedAddress('2001:DB8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
  expect(limitedAddress('2001:db8:0001:0002::')).toBe('2001:db8:1:2::/64');
  expect(limitedAddress('::1')).toBe('0:0:0:0::/64');
  expect(limitedAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  expect(limitedAddress(null)).toBe('unknown');
  expect(limitedAddress('')).toBe('unknown');
  // Not an address (only a proxy that is trusted can say so): kept, at most 100 characters.
  expect(limitedAddress('1:2:3')).toBe('1:2:3');
  expect(limitedAddress('x'.repeat(500))).toHaveLength(100);
});
