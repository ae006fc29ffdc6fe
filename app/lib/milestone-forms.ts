import { z } from 'zod';

import { type PartialDate, parsePartialDate, periodEnd, periodStart } from './dates';
import { MILESTONE_KINDS, MILESTONE_STATUSES } from './vocabulary';

// The milestone forms' rules, shared by the browser (conform validates as you type) and the
// action (which decides). Messages are translation keys under `form.error.*`; the page shows them
// next to the field in its language.

/** The kinds a person adds; the hub derives start and closure milestones from published dates. */
export const ENTERED_MILESTONE_KINDS = MILESTONE_KINDS;

const optionalText = (max: number) => z.string().trim().max(max, 'form.error.tooLong').optional();

/** "2025", "2025-06" or "2025-06-15": the precision is what was written. */
const partialDate = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const date = parsePartialDate(text);
    if (!date) {
      ctx.addIssue({ code: 'custom', message: 'form.error.partialDate' });
      return z.NEVER;
    }
    return date;
  });

/** Who records it, until accounts exist (#10): shown in the milestone's history. */
const recordedBy = z
  .string({ error: 'form.error.required' })
  .trim()
  .min(1, 'form.error.required')
  .max(120, 'form.error.tooLong');

export interface MilestoneFormContext {
  /** Organisations a responsible organisation may be chosen from. */
  organisationSlugs: readonly string[];
}

export function milestoneFormSchema({ organisationSlugs }: MilestoneFormContext) {
  return z.object({
    title: z
      .string({ error: 'form.error.required' })
      .trim()
      .min(1, 'form.error.required')
      .max(200, 'form.error.tooLong'),
    titleZh: optionalText(200),
    kind: z.enum(ENTERED_MILESTONE_KINDS, { error: 'form.error.choose' }),
    plannedDate: partialDate.optional(),
    responsibleOrganisation: z
      .string()
      .refine((slug) => organisationSlugs.includes(slug), 'form.error.unknownOrganisation')
      .optional(),
    evidenceUrl: z
      .url({ protocol: /^https?$/, error: 'form.error.url' })
      .max(500, 'form.error.tooLong')
      .optional(),
    note: optionalText(1000),
    recordedBy,
  });
}

export type MilestoneFormValues = z.output<ReturnType<typeof milestoneFormSchema>>;

export interface ProgressUpdateContext {
  today: string;
  /** The first day of the project's published start period, if any. */
  projectStartsOn: string | null;
}

const isAfterToday = (date: PartialDate, today: string) => periodStart(date) > today;

export function progressUpdateSchema({ today, projectStartsOn }: ProgressUpdateContext) {
  return z
    .object({
      version: z.number({ error: 'form.error.stale' }).int().min(1),
      status: z.enum(MILESTONE_STATUSES, { error: 'form.error.choose' }),
      progress: z
        .number({ error: 'form.error.progressRange' })
        .int('form.error.progressRange')
        .min(0, 'form.error.progressRange')
        .max(100, 'form.error.progressRange'),
      actualDate: partialDate
        .refine((date) => !isAfterToday(date, today), 'form.error.actualAfterToday')
        .optional(),
      revisedDate: partialDate
        .refine(
          (date) => !projectStartsOn || periodEnd(date) >= projectStartsOn,
          'form.error.revisedBeforeStart',
        )
        .optional(),
      comment: optionalText(2000),
      recordedBy,
    })
    .superRefine((values, ctx) => {
      if (values.status === 'achieved' && !values.actualDate) {
        ctx.addIssue({
          code: 'custom',
          path: ['actualDate'],
          message: 'form.error.achievedNeedsActual',
        });
      }
      if (values.status !== 'achieved' && values.actualDate) {
        ctx.addIssue({
          code: 'custom',
          path: ['actualDate'],
          message: 'form.error.actualOnlyAchieved',
        });
      }
    });
}

export type ProgressUpdateValues = z.output<ReturnType<typeof progressUpdateSchema>>;
