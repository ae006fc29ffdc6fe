import { z } from 'zod';

import { isValidIsoDay } from '../../../db/dates';
import type { RoundState } from '../../../db/vocabulary';
import { INVALID, oneOf, optionalText, requiredText, version } from '../../core/forms/form-rules';

// The round form (new and edit), shared by the browser and the action. Error messages are
// translation keys: `form.error.*` (shared) and `reporting.error.*` (the round's own).

/** What the round form sets. */
export interface RoundValues {
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  eventId: number | null;
}

/** A whole day, YYYY-MM-DD (a date input sends one). */
const day = z
  .string({ error: 'reporting.error.day' })
  .trim()
  .refine(isValidIsoDay, 'reporting.error.day');

function roundFields(eventSlugs: readonly string[]) {
  return {
    title: requiredText(200),
    titleZh: optionalText(200),
    titleDe: optionalText(200),
    periodStart: day,
    periodEnd: day,
    dueOn: day,
    event: oneOf(eventSlugs).optional(),
  };
}

type RoundFields = z.output<z.ZodObject<ReturnType<typeof roundFields>>>;

/** The period runs forwards: its last day is not before its first. */
function checkRoundPeriod(values: RoundFields, ctx: z.RefinementCtx) {
  if (values.periodEnd < values.periodStart) {
    ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'reporting.error.periodOrder' });
  }
}

export function roundNewSchema(eventSlugs: readonly string[]) {
  return z.object(roundFields(eventSlugs)).superRefine(checkRoundPeriod);
}

export function roundEditSchema(eventSlugs: readonly string[]) {
  return z.object({ ...roundFields(eventSlugs), version }).superRefine(checkRoundPeriod);
}

/** What the state buttons send: the version the page showed. */
export const roundStateSchema = z.object({
  version,
  to: z.enum(['open', 'closed'], { error: INVALID }),
});

/** The stored columns a round form sets. */
export function roundColumns(
  values: RoundFields,
  events: readonly { id: number; slug: string }[],
): RoundValues {
  return {
    title: values.title,
    titleZh: values.titleZh ?? null,
    titleDe: values.titleDe ?? null,
    periodStart: values.periodStart,
    periodEnd: values.periodEnd,
    dueOn: values.dueOn,
    eventId: events.find((e) => e.slug === values.event)?.id ?? null,
  };
}

/** A stored round as the form's fields write it (what the form opens with, and a 409 shows). */
export function roundFormValues(
  round: RoundValues,
  events: readonly { id: number; slug: string }[],
): Record<string, string> {
  return {
    title: round.title,
    titleZh: round.titleZh ?? '',
    titleDe: round.titleDe ?? '',
    periodStart: round.periodStart,
    periodEnd: round.periodEnd,
    dueOn: round.dueOn,
    event: events.find((e) => e.id === round.eventId)?.slug ?? '',
  };
}

/** The one step a round may take from each state: draft → open → closed. */
export const NEXT_ROUND_STATE: Record<RoundState, RoundState | null> = {
  draft: 'open',
  open: 'closed',
  closed: null,
};
