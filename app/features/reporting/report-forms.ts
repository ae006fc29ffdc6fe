import { z } from 'zod';

import {
  type MilestoneFormContext,
  type ProgressUpdateContext,
  checkActualDate,
  milestoneFormSchema,
  progressStateFields,
} from '../milestones/milestone-forms';
import { INVALID, httpUrl, optionalText, version } from '../../core/forms/form-rules';
import { HUB_LANGUAGES, REPORT_SECTIONS } from '../../../db/vocabulary';
import { REVIEW_INTENTS, WRITE_INTENTS } from './report-states';

// The report form's and the review's rules, shared by the browser and the actions. A milestone's
// update is the progress form's rules (progressStateFields, checkActualDate), with "no change" for
// a milestone left alone; a new milestone is the "add a milestone" form's rules.

/** How long one written section may be (characters), in each language. */
export const SECTION_MAX = 5000;
/** How long a reviewer's comment on one section may be. */
export const COMMENT_MAX = 2000;
/** At most this many new milestones in one report. */
export const NEW_MILESTONES_MAX = 20;
/** The sections a report must say something about (in its original language) to be submitted. */
export const SECTIONS_TO_SUBMIT = ['achievements', 'challenges', 'nextSteps'] as const;
/** What a reviewer comments on: the written sections, the milestones, and the report as a whole. */
export const REVIEW_TOPICS = [...REPORT_SECTIONS, 'milestones', 'general'] as const;
export type ReviewTopic = (typeof REVIEW_TOPICS)[number];

const sectionsSchema = z
  .object({
    achievements: optionalText(SECTION_MAX),
    challenges: optionalText(SECTION_MAX),
    nextSteps: optionalText(SECTION_MAX),
    supportNeeded: optionalText(SECTION_MAX),
  } satisfies Record<(typeof REPORT_SECTIONS)[number], unknown>)
  .optional();

const isBlank = (entry: unknown) =>
  typeof entry === 'object' &&
  entry !== null &&
  Object.values(entry).every((v) => v === undefined || v === '');

export interface ReportFormContext extends ProgressUpdateContext, MilestoneFormContext {
  /** The open milestones the report updates. */
  milestoneIds: readonly number[];
}

/** One open milestone's update: its new state, or "no change" (no status, nothing else). */
function milestoneUpdateSchema(context: ReportFormContext) {
  const fields = progressStateFields(context);
  return z
    .object({
      milestoneId: z
        .number({ error: INVALID })
        .int(INVALID)
        .refine((id) => context.milestoneIds.includes(id), INVALID),
      status: fields.status.optional(),
      progress: fields.progress.optional(),
      actualDate: fields.actualDate,
      revisedDate: fields.revisedDate,
      comment: fields.comment,
      evidenceUrl: httpUrl.optional(),
    })
    .superRefine((values, ctx) => {
      if (!values.status) {
        const { milestoneId: _id, status: _s, ...rest } = values;
        if (Object.values(rest).some((v) => v !== undefined)) {
          ctx.addIssue({ code: 'custom', path: ['status'], message: 'report.error.chooseStatus' });
        }
        return;
      }
      if (values.progress === undefined) {
        ctx.addIssue({ code: 'custom', path: ['progress'], message: 'form.error.progressRange' });
      }
      checkActualDate(values, ctx);
    });
}

/** A new milestone: the "add a milestone" form's rules; its empty fields (one more is always offered) add none. */
function newMilestoneSchema(context: ReportFormContext) {
  const plan = milestoneFormSchema(context).omit({ recordedBy: true }).optional();
  // Typed as the plan itself: the form's fields are the plan's (conform reads the types).
  return z.preprocess(
    (entry) => (isBlank(entry) ? undefined : entry),
    plan,
  ) as unknown as typeof plan;
}

export function reportFormSchema(context: ReportFormContext) {
  return z
    .object({
      intent: z.enum(WRITE_INTENTS, { error: INVALID }),
      version,
      language: z.enum(HUB_LANGUAGES, { error: 'form.error.choose' }),
      texts: z
        .object({ en: sectionsSchema, zh: sectionsSchema, de: sectionsSchema } satisfies Record<
          (typeof HUB_LANGUAGES)[number],
          unknown
        >)
        .optional(),
      updates: z.array(milestoneUpdateSchema(context)).max(500, INVALID).optional(),
      newMilestones: z
        .array(newMilestoneSchema(context))
        .max(NEW_MILESTONES_MAX, 'report.error.tooManyMilestones')
        .optional(),
    })
    .superRefine((values, ctx) => {
      const ids = (values.updates ?? []).map((u) => u.milestoneId);
      if (new Set(ids).size !== ids.length) {
        ctx.addIssue({ code: 'custom', path: ['updates'], message: INVALID });
      }
      if (values.intent !== 'submit') return;
      const original = values.texts?.[values.language] as Record<string, unknown> | undefined;
      for (const section of SECTIONS_TO_SUBMIT) {
        if (!original?.[section]) {
          ctx.addIssue({
            code: 'custom',
            path: ['texts', values.language, section],
            message: 'report.error.requiredToSubmit',
          });
        }
      }
    });
}

export type ReportFormValues = z.output<ReturnType<typeof reportFormSchema>>;

/** The review: return (with at least one comment) or approve, at the version read. */
export const reviewFormSchema = z
  .object({
    intent: z.enum(REVIEW_INTENTS, { error: INVALID }),
    version,
    comments: z
      .object({
        achievements: optionalText(COMMENT_MAX),
        challenges: optionalText(COMMENT_MAX),
        nextSteps: optionalText(COMMENT_MAX),
        supportNeeded: optionalText(COMMENT_MAX),
        milestones: optionalText(COMMENT_MAX),
        general: optionalText(COMMENT_MAX),
      } satisfies Record<ReviewTopic, unknown>)
      .optional(),
  })
  .superRefine((values, ctx) => {
    const written = Object.values(values.comments ?? {}).some(Boolean);
    if (values.intent === 'return' && !written) {
      ctx.addIssue({
        code: 'custom',
        path: ['comments', 'general'],
        message: 'report.error.commentToReturn',
      });
    }
  });

export type ReviewFormValues = z.output<typeof reviewFormSchema>;
