import { data } from 'react-router';

/**
 * A refusal by the attempt limits (app/core/auth/auth.ts): 429, with how long to wait in Retry-After
 * (seconds) and, for the form's message, in whole minutes.
 */
export function refuseAttempt<T extends object>(body: T, retryAfterMs: number) {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return data(
    { ...body, error: 'tooMany' as const, waitMinutes: Math.ceil(seconds / 60) },
    { status: 429, headers: { 'Retry-After': String(seconds) } },
  );
}
