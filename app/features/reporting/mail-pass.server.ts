import { closeMailTransport } from '../../core/mail/transport.server';
import { runNotificationPass, summarisePass } from './notifications.server';

// The production server's notification pass, two seconds after start and then hourly. The
// cluster's primary (scripts/server/primary.mjs), which answers no requests, runs each pass in a
// thread of its own (scripts/server/primary-task.mjs) that ends with it, so a pass never holds up
// a page and the primary does not keep the bundle in memory; the notifications table's unique
// key keeps a pass from sending what a worker (right after a change) or `npm run reminders` sent
// already.

/**
 * One pass: the mails due go out, a line says what was sent, and the SMTP connection closes (the
 * database connection closes with the thread, without a checkpoint while the workers run).
 */
export async function runMailPass(): Promise<void> {
  try {
    const entries = await runNotificationPass();
    if (entries.length > 0) console.log(`[hub] mail pass: ${summarisePass(entries)}.`);
  } catch (error) {
    console.error('[hub] the mail pass failed:', error);
  } finally {
    closeMailTransport();
  }
}
