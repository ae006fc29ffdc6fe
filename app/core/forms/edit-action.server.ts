import { parseWithZod } from '@conform-to/zod/v4';
import { data } from 'react-router';
import type { z } from 'zod';

import { type SessionUser, actorOf } from '../auth/auth';
import { now } from '../clock';
import { conflictRows } from './conflict';
import { redirectAfterSave, refuseInvalid, refuseStale } from './responses.server';

// The actions of the record forms, written once: every new and edit page of a record answers the
// same way (400 with the errors, 404, 409 with both versions, 303 back to the record), and the
// route module only says which schema, which write and which page to go back to. Route modules
// authorize before they call these: the permission is theirs to name.

/** What a versioned write answers (db/writes.server.ts saveVersioned, or one alike). */
type VersionedSave<Current> =
  | { ok: true }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'stale'; current: Current };

/** The record a stale save found saved meanwhile. */
type StaleRecord<Outcome> = Outcome extends { reason: 'stale'; current: infer Current }
  ? Current
  : never;

/**
 * An edit form's action: parse the form with its schema and refuse what is invalid (400), save it
 * on the version the form was opened on, refuse a stale save (409, with each field where what was
 * sent differs from what is saved now), else go back to the record (303).
 */
export async function editAction<
  Schema extends z.ZodType,
  Outcome extends VersionedSave<{ version: number }>,
>(
  request: Request,
  edit: {
    schema: Schema;
    save: (value: z.output<Schema>) => Outcome;
    /** The record as saved now, as form values (the right side of the 409 table). */
    saved: (current: NoInfer<StaleRecord<Outcome>>) => Record<string, unknown>;
    /** What was sent, as form values; by default the form's fields exactly as sent. */
    sent?: (value: z.output<Schema>) => Record<string, unknown>;
    /** The page a saved form leads back to (in the language of the page that sent it). */
    savedTo: string;
  },
) {
  const submission = parseWithZod(await request.formData(), { schema: edit.schema });
  if (submission.status !== 'success') {
    return refuseInvalid(submission);
  }
  const outcome = edit.save(submission.value);
  if (!outcome.ok && outcome.reason === 'not-found') throw data(null, { status: 404 });
  if (!outcome.ok) {
    const sent = edit.sent ? edit.sent(submission.value) : submission.payload;
    return refuseStale(submission, {
      version: outcome.current.version,
      rows: conflictRows(sent, edit.saved(outcome.current as StaleRecord<Outcome>)),
    });
  }
  return redirectAfterSave(request, edit.savedTo);
}

/**
 * A new form's action: parse the form with its schema and refuse what is invalid (400), else
 * create the record and go to the page `create` answers (303).
 */
export async function createAction<Schema extends z.ZodType>(
  request: Request,
  create: { schema: Schema; save: (value: z.output<Schema>) => string },
) {
  const submission = parseWithZod(await request.formData(), { schema: create.schema });
  if (submission.status !== 'success') {
    return data({ result: submission.reply() }, { status: 400 });
  }
  return redirectAfterSave(request, create.save(submission.value));
}

/** Who writes a change and when, with the source the editor named for it (kept in the audit). */
export function changeBy(user: SessionUser, changeSource: string | null | undefined) {
  return { at: now(), actor: actorOf(user), sourceUrl: changeSource ?? null };
}
