import { z } from 'zod';

import { periodEnd, periodStart } from '../../../db/dates';
import {
  changeSource,
  checkPeriod,
  newSlug,
  optionalText,
  partialDate,
  requiredText,
  version,
} from '../../core/forms/form-rules';
import { PROJECT_STATUSES, PROJECT_TYPES } from '../../../db/vocabulary';

// The project form (new and edit), shared by the browser and the action.

const projectFields = {
  title: requiredText(300),
  titleZh: optionalText(300),
  titleDe: optionalText(300),
  shortName: optionalText(80),
  summary: optionalText(4000),
  summaryZh: optionalText(4000),
  summaryDe: optionalText(4000),
  type: z.enum(PROJECT_TYPES, { error: 'form.error.choose' }),
  /** Empty: the status follows the dates. */
  statusStated: z.enum(PROJECT_STATUSES, { error: 'form.error.choose' }).optional(),
  statusSource: optionalText(300),
  startDate: partialDate.optional(),
  endDate: partialDate.optional(),
  durationNotes: optionalText(1000),
  ikiFundingEur: z
    .number({ error: 'form.error.amount' })
    .min(0, 'form.error.amount')
    .max(1e10, 'form.error.amount')
    .optional(),
  fundingNotes: optionalText(1000),
  programme: requiredText(80),
  changeSource,
};

type ProjectFields = z.output<z.ZodObject<typeof projectFields>>;

function checkDates(values: ProjectFields, ctx: z.RefinementCtx) {
  checkPeriod(values, ctx);
  if (values.statusSource && !values.statusStated) {
    ctx.addIssue({ code: 'custom', path: ['statusStated'], message: 'form.error.statusWords' });
  }
}

export const projectEditSchema = z.object({ ...projectFields, version }).superRefine(checkDates);

/**
 * Words a project's URL name may not be: fixed pages beside a project's own under /projects/… and
 * /reporting/:round/… (a project called "report" would never reach its report, decision 0076).
 */
export const RESERVED_PROJECT_SLUGS = ['new', 'edit', 'projects', 'report'] as const;

export function projectNewSchema({ takenSlugs }: { takenSlugs: readonly string[] }) {
  return z
    .object({
      ...projectFields,
      slug: newSlug([...takenSlugs, ...RESERVED_PROJECT_SLUGS]),
    })
    .superRefine(checkDates);
}

export type ProjectEditValues = z.output<typeof projectEditSchema>;
export type ProjectNewValues = z.output<ReturnType<typeof projectNewSchema>>;

/** The stored columns a project form sets (dates split into value, precision and period). */
export function projectColumns(values: ProjectFields) {
  return {
    title: values.title,
    titleZh: values.titleZh ?? null,
    titleDe: values.titleDe ?? null,
    shortName: values.shortName ?? null,
    summary: values.summary ?? null,
    summaryZh: values.summaryZh ?? null,
    summaryDe: values.summaryDe ?? null,
    type: values.type,
    statusStated: values.statusStated ?? null,
    statusSource: values.statusSource ?? null,
    startDate: values.startDate?.value ?? null,
    startPrecision: values.startDate?.precision ?? null,
    startsOn: values.startDate ? periodStart(values.startDate) : null,
    endDate: values.endDate?.value ?? null,
    endPrecision: values.endDate?.precision ?? null,
    endsOn: values.endDate ? periodEnd(values.endDate) : null,
    durationNotes: values.durationNotes ?? null,
    ikiFundingEur: values.ikiFundingEur ?? null,
    fundingNotes: values.fundingNotes ?? null,
    programme: values.programme,
  };
}

export type ProjectColumns = ReturnType<typeof projectColumns>;

/** A stored project as the form's fields write it (what the form opens with, and a 409 shows). */
export function projectFormValues(row: {
  [K in keyof ProjectColumns]: ProjectColumns[K] | null;
}): Record<string, string> {
  return {
    title: row.title ?? '',
    titleZh: row.titleZh ?? '',
    titleDe: row.titleDe ?? '',
    shortName: row.shortName ?? '',
    summary: row.summary ?? '',
    summaryZh: row.summaryZh ?? '',
    summaryDe: row.summaryDe ?? '',
    type: row.type ?? '',
    statusStated: row.statusStated ?? '',
    statusSource: row.statusSource ?? '',
    startDate: row.startDate ?? '',
    endDate: row.endDate ?? '',
    durationNotes: row.durationNotes ?? '',
    ikiFundingEur: row.ikiFundingEur === null ? '' : String(row.ikiFundingEur),
    fundingNotes: row.fundingNotes ?? '',
    programme: row.programme ?? '',
  };
}
