import { z } from 'zod';

import { type PartialDate, periodEnd, periodStart } from '../../../db/dates';
import {
  INVALID,
  changeSource,
  httpUrl,
  optionalText,
  partialDate,
  recordedBy,
  requiredText,
  version,
} from '../../core/forms/form-rules';
import { MILESTONE_KINDS, MILESTONE_STATUSES } from '../../../db/vocabulary';

// The milestone forms' rules, shared by the browser (conform validates as you type) and the
// action (which decides). Messages are translation keys under `form.error.*`; the page shows them
// next to the field in its language.

/** The kinds a person adds; the hub derives start and closure milestones from published dates. */
export const ENTERED_MILESTONE_KINDS = MILESTONE_KINDS;

export interface MilestoneFormContext {
  /** Organisations a responsible organisation may be chosen from. */
  organisationSlugs: readonly string[];
}

export function milestoneFormSchema({ organisationSlugs }: MilestoneFormContext) {
  return z.object({
    title: requiredText(200),
    titleZh: optionalText(200),
    kind: z.enum(ENTERED_MILESTONE_KINDS, { error: 'form.error.choose' }),
    plannedDate: partialDate.optional(),
    responsibleOrganisation: z
      .string({ error: INVALID })
      .refine((slug) => organisationSlugs.includes(slug), 'form.error.unknownOrganisation')
      .optional(),
    evidenceUrl: httpUrl.optional(),
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

/**
 * The fields of a milestone's new state, as the progress form and a report's milestone update
 * both ask them (the report adds "no change"): status, progress, actual and revised dates, comment.
 */
export function progressStateFields({ today, projectStartsOn }: ProgressUpdateContext) {
  return {
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
  };
}

/** An actual date goes with "achieved", and "achieved" needs one (a schema's superRefine). */
export function checkActualDate(
  values: { status?: string; actualDate?: PartialDate },
  ctx: z.RefinementCtx,
) {
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
}

export function progressUpdateSchema(context: ProgressUpdateContext) {
  return z
    .object({ version, ...progressStateFields(context), recordedBy })
    .superRefine(checkActualDate);
}

export type ProgressUpdateValues = z.output<ReturnType<typeof progressUpdateSchema>>;

/** Editing a milestone's plan (its state changes through progress updates). */
export function milestoneEditSchema({
  organisationSlugs,
  projectStartsOn,
}: MilestoneFormContext & { projectStartsOn: string | null }) {
  return milestoneFormSchema({ organisationSlugs })
    .omit({ recordedBy: true })
    .extend({
      version,
      revisedDate: partialDate
        .refine(
          (date) => !projectStartsOn || periodEnd(date) >= projectStartsOn,
          'form.error.revisedBeforeStart',
        )
        .optional(),
      changeSource,
    });
}

export type MilestoneEditValues = z.output<ReturnType<typeof milestoneEditSchema>>;

/** Correcting what a progress update says; the states it records stay. */
export const progressUpdateEditSchema = z.object({
  version,
  comment: optionalText(2000),
  recordedBy,
});

/** A delete is confirmed on a page that says what it affects, at the version shown there. */
export const deleteSchema = z.object({ version, confirm: z.literal('yes', 'form.error.confirm') });

export type MilestoneEditFormText = Record<
  | 'title'
  | 'titleZh'
  | 'kind'
  | 'plannedDate'
  | 'revisedDate'
  | 'responsibleOrganisation'
  | 'evidenceUrl'
  | 'note'
  | 'changeSource',
  string
>;

/** A stored milestone as the edit form's fields write it (what the form opens with, and a 409 shows). */
export function milestoneFormValues(
  row: {
    title: string;
    titleZh: string | null;
    kind: string;
    plannedDate: string | null;
    revisedDate: string | null;
    evidenceUrl: string | null;
    note: string | null;
  },
  responsibleSlug: string | null,
): MilestoneEditFormText {
  return {
    title: row.title,
    titleZh: row.titleZh ?? '',
    kind: row.kind,
    plannedDate: row.plannedDate ?? '',
    revisedDate: row.revisedDate ?? '',
    responsibleOrganisation: responsibleSlug ?? '',
    evidenceUrl: row.evidenceUrl ?? '',
    note: row.note ?? '',
    changeSource: '',
  };
}
