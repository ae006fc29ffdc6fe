import { env } from './env.server';

/** The one source of "today" (YYYY-MM-DD, UTC). HUB_TODAY pins it. */
export function today(): string {
  return env.HUB_TODAY ?? new Date().toISOString().slice(0, 10);
}

/** The current moment (ISO 8601, UTC) on the same calendar as today(): HUB_TODAY pins the date. */
export function now(): string {
  const moment = new Date().toISOString();
  return env.HUB_TODAY ? `${env.HUB_TODAY}${moment.slice(10)}` : moment;
}
