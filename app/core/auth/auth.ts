import type { AttemptRule, LimitedKey } from './attempt-limits.server';
import type { ProjectRole, UserRole } from '../../../db/vocabulary';

// The account rules in one place: session lifetimes, the sign-in rate limit, who may do what.

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
export const PASSWORD_MIN_LENGTH = 12;

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

// The limits on password guessing; how a limit counts and blocks is app/core/auth/attempt-limits.

/**
 * One account from one address: five tries, then 15 min, 30 min, 1 h … up to a day. The owner on
 * another address is not affected.
 */
export const SIGN_IN_PER_ACCOUNT_AND_ADDRESS: AttemptRule = {
  name: 'sign-in:account+address',
  free: 5,
  firstBlockMs: 15 * MINUTE,
  maxBlockMs: DAY,
};
/** One address, whichever accounts it tries (an office behind one address has room). */
export const SIGN_IN_PER_ADDRESS: AttemptRule = {
  name: 'sign-in:address',
  free: 20,
  firstBlockMs: 15 * MINUTE,
  maxBlockMs: DAY,
};
/** The current password asked by /account, per account (whoever holds the session). */
export const PASSWORD_CHANGE_PER_ACCOUNT: AttemptRule = {
  name: 'password-change:account',
  free: 5,
  firstBlockMs: 15 * MINUTE,
  maxBlockMs: DAY,
};

/** The two limits a sign-in passes: the account (as typed) from this address, and the address. */
export const signInLimits = (email: string, address: string) => ({
  accountAndAddress: { rule: SIGN_IN_PER_ACCOUNT_AND_ADDRESS, subject: `${email}\n${address}` },
  address: { rule: SIGN_IN_PER_ADDRESS, subject: address },
});

/** The limit on /account's current-password check. */
export const passwordChangeLimit = (userId: number): LimitedKey => ({
  rule: PASSWORD_CHANGE_PER_ACCOUNT,
  subject: String(userId),
});

/** Failed sign-ins of one account from one address share one audit entry for this long. */
export const FAILED_SIGN_IN_AUDIT_WINDOW_MS = 60 * MINUTE;

/** Expands an IPv6 address to its eight groups, or null when it is not one. */
function ipv6Groups(address: string): string[] | null {
  let text = address.toLowerCase().replace(/%.*$/, '');
  // An IPv4 tail (::ffff:192.0.2.1) as two groups.
  const v4 = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(2).map(Number) as [number, number, number, number];
    if ([a, b, c, d].some((n) => n > 255)) return null;
    text = `${v4[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  return groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))
    ? groups.map((g) => g.replace(/^0+(?=.)/, ''))
    : null;
}

/**
 * The address a limit counts: an IPv4 address as it is, an IPv6 address by its /64 (one
 * connection usually has a whole /64 to pick from), anything else (no address under `npm run dev`)
 * as one shared "unknown".
 */
export function limitedAddress(address: string | null): string {
  if (!address) return 'unknown';
  const groups = address.includes(':') ? ipv6Groups(address) : null;
  if (groups) {
    // An IPv4-mapped address is that IPv4 address.
    if (groups.slice(0, 6).join(':') === '0:0:0:0:0:ffff') {
      const [hi, lo] = [parseInt(groups[6]!, 16), parseInt(groups[7]!, 16)];
      return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
    }
    return `${groups.slice(0, 4).join(':')}::/64`;
  }
  return address.slice(0, 100);
}

/** Whether a session created and last used at these moments is still valid at `now`. */
export function isSessionAlive(createdAt: string, lastSeenAt: string, now: string): boolean {
  const t = Date.parse(now);
  return t - Date.parse(lastSeenAt) < SESSION_IDLE_MS && t - Date.parse(createdAt) < SESSION_MAX_MS;
}

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  organisationId: number | null;
}

/** Roles an implementer's organisation must have in a project to report on its milestones. */
export const IMPLEMENTER_PROJECT_ROLES: readonly ProjectRole[] = [
  'implementing-organisation',
  'implementing-partner',
];

/**
 * Whether a user may add milestones and progress updates to a project: admins and editors
 * anywhere; implementers where their organisation implements the project.
 */
export function canEditMilestones(
  user: SessionUser | null,
  projectOrganisations: { organisationId: number; role: ProjectRole }[],
): boolean {
  if (!user) return false;
  if (user.role === 'admin' || user.role === 'editor') return true;
  if (user.role !== 'implementer' || user.organisationId === null) return false;
  return projectOrganisations.some(
    (link) =>
      link.organisationId === user.organisationId && IMPLEMENTER_PROJECT_ROLES.includes(link.role),
  );
}

/**
 * Who a write is by, as the audit log records it: always the signed-in account, never what a form
 * says (a form's "reported by" is shown in the progress log, nothing more).
 */
export const actorOf = (user: SessionUser) => ({ id: user.id, name: user.name });
