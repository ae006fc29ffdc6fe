import { z } from 'zod';

import { type PartialDate, parsePartialDate, periodEnd, periodStart } from '../../../db/dates';

// Field rules every form shares (milestones, projects, events, organisations). Messages are
// translation keys under `form.error.*`; the page shows them next to the field in its language.
// conform turns an empty field into `undefined`, so "optional" also means "cleared".

/**
 * A value of the wrong shape (a field sent twice, a checkbox with a text): no browser form sends
 * one, so the message only asks to enter it again, in the page's language like every other.
 */
export const INVALID = 'form.error.invalid';

export const optionalText = (max: number) =>
  z.string({ error: INVALID }).trim().max(max, 'form.error.tooLong').optional();

export const requiredText = (max: number) =>
  z
    .string({ error: 'form.error.required' })
    .trim()
    .min(1, 'form.error.required')
    .max(max, 'form.error.tooLong');

/** "2025", "2025-06" or "2025-06-15": the precision is what was written. */
export const partialDate = z
  .string({ error: INVALID })
  .trim()
  .transform((text, ctx) => {
    const date = parsePartialDate(text);
    if (!date) {
      ctx.addIssue({ code: 'custom', message: 'form.error.partialDate' });
      return z.NEVER;
    }
    return date;
  });

/** Who reports it: shown in the milestone's progress log (defaults to the account's name). */
export const recordedBy = requiredText(120);

export const httpUrl = z
  .url({ protocol: /^https?$/, error: 'form.error.url' })
  .max(500, 'form.error.tooLong');

/** The version the form was opened on; saving a stale one is refused with 409. */
export const version = z.number({ error: 'form.error.stale' }).int().min(1);

/** A record's URL name: lower-case letters, digits and dashes. */
export const slug = z
  .string({ error: 'form.error.required' })
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'form.error.slug')
  .max(80, 'form.error.tooLong');

/** A new record's URL name: one no other record has. */
export const newSlug = (takenSlugs: readonly string[]) =>
  slug.refine((s) => !takenSlugs.includes(s), 'form.error.slugTaken');

/** A record's period (a schema's superRefine): an end before the start is refused, at the end. */
export function checkPeriod(
  values: { startDate?: PartialDate; endDate?: PartialDate },
  ctx: z.RefinementCtx,
) {
  if (
    values.startDate &&
    values.endDate &&
    periodEnd(values.endDate) < periodStart(values.startDate)
  ) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'form.error.endBeforeStart' });
  }
}

/** Where the editor read the new values: kept in the audit log with the change. */
export const changeSource = httpUrl.optional();

/** A checkbox: ticked or not (conform reads "on" as true). */
export const checkbox = z.boolean({ error: INVALID }).default(false);

/** One of a list of allowed values (slugs of existing records, codes). */
export const oneOf = (allowed: readonly string[], message = 'form.error.choose') =>
  z.string({ error: message }).refine((value) => allowed.includes(value), message);
