import { closeMailTransport } from '../../core/mail/transport.server';
import { runNotificationPass, summarisePass } from './notifications.server';

// The hourly notification pass of the production server. It runs in the cluster's primary
// (scripts/server/primary.mjs), which answers no requests, so a pass never holds up a page; the
// notifications table's unique key keeps it from sending what a worker (right after a change) or
// `npm run reminders` sent already.

const HOUR_MS = 60 * 60 * 1000;
/** The first pass soon after start, so that a restart catches up without waiting an hour. */
const FIRST_PASS_MS = 2_000;

/** Starts the passes; returns how to stop them (a pass under way finishes its current mail). */
export function startNotificationSchedule(): () => void {
  let isRunning = false;
  const pass = async () => {
    if (isRunning) return;
    isRunning = true;
    try {
      const entries = await runNotificationPass();
      if (entries.length > 0) console.log(`[hub] mail pass: ${summarisePass(entries)}.`);
    } catch (error) {
      console.error('[hub] the mail pass failed:', error);
    } finally {
      isRunning = false;
    }
  };
  const first = setTimeout(pass, FIRST_PASS_MS);
  const hourly = setInterval(pass, HOUR_MS);
  // The timers alone do not keep a process alive.
  first.unref();
  hourly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
    closeMailTransport();
  };
}
