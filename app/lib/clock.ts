import { env } from './env.server';

/** The one source of "today" (YYYY-MM-DD, UTC). HUB_TODAY pins it. */
export function today(): string {
  return env.HUB_TODAY ?? new Date().toISOString().slice(0, 10);
}
