import { z } from 'zod';

import {
  type MilestoneFormContext,
  type ProgressUpdateContext,
  checkActualDate,
  milestoneFormSchema,
  progressStateFields,
} from '../milestones/milestone-forms';
import { isQuantitative } from '../indicators/indicator-progress';
import { INVALID, httpUrl, optionalText, version } from '../../core/forms/form-rules';
import {
  HUB_LANGUAGES,
  INDICATOR_DISAGGREGATIONS,
  type IndicatorDisaggregation,
  type IndicatorMeasure,
  REPORT_SECTIONS,
} from '../../../db/vocabulary';
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
export const REVIEW_TOPICS = [...REPORT_SECTIONS, 'milestones', 'indicators', 'general'] as const;
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
  /** The project's indicators the report gives actuals for (none: no indicator fields). */
  indicators?: readonly ReportedIndicator[];
}

/** What the form needs to know of an indicator to check its actual. */
export interface ReportedIndicator {
  id: number;
  measure: IndicatorMeasure;
  disaggregation: IndicatorDisaggregation | null;
}

/** An indicator as the form's context carries it (to the browser too: nothing more). */
export const reportedIndicator = ({
  id,
  measure,
  disaggregation,
}: ReportedIndicator): ReportedIndicator => ({ id, measure, disaggregation });

/** The largest actual the form takes (beyond it a number is surely a typo, or not a number). */
export const ACTUAL_MAX = 1e15;

const actualNumber = z
  .number({ error: 'indicatorReporting.error.number' })
  .min(-ACTUAL_MAX, 'indicatorReporting.error.number')
  .max(ACTUAL_MAX, 'indicatorReporting.error.number');

const dimensionNumber = z
  .number({ error: 'indicatorReporting.error.dimension' })
  .min(0, 'indicatorReporting.error.dimension')
  .max(ACTUAL_MAX, 'indicatorReporting.error.dimension');

/**
 * One indicator's actual for the round's period. Empty is "no value this period". Qualitative,
 * nominal and ordinal indicators take a comment only. A split indicator's total is the sum of its
 * values by dimension when left empty; when given it must equal that sum if every dimension is
 * given, and be at least that sum if only some are.
 */
function indicatorUpdateSchema(context: ReportFormContext) {
  const known = context.indicators ?? [];
  return z
    .object({
      indicatorId: z
        .number({ error: INVALID })
        .int(INVALID)
        .refine((id) => known.some((i) => i.id === id), INVALID),
      value: actualNumber.optional(),
      dimensions: z
        .object({
          female: dimensionNumber.optional(),
          male: dimensionNumber.optional(),
          other: dimensionNumber.optional(),
        } satisfies Record<(typeof INDICATOR_DISAGGREGATIONS.sex)[number], unknown>)
        .optional(),
      comment: optionalText(COMMENT_MAX),
      evidenceUrl: httpUrl.optional(),
    })
    .superRefine((values, ctx) => {
      const indicator = known.find((i) => i.id === values.indicatorId);
      if (!indicator) return;
      const given = Object.entries(values.dimensions ?? {}).filter(
        (entry): entry is [string, number] => entry[1] !== undefined,
      );
      if (!isQuantitative(indicator.measure)) {
        if (values.value !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['value'],
            message: 'indicatorReporting.error.qualitative',
          });
        }
        return;
      }
      if (!indicator.disaggregation) {
        if (given.length) ctx.addIssue({ code: 'custom', path: ['dimensions'], message: INVALID });
        return;
      }
      if (values.value === undefined || !given.length) return;
      const sum = given.reduce((total, [, v]) => total + v, 0);
      const all = given.length === INDICATOR_DISAGGREGATIONS[indicator.disaggregation].length;
      // Rounded to the decimals people type: 0.1 + 0.2 is 0.3 here.
      const same = Math.abs(values.value - sum) <= 1e-9 * Math.max(1, Math.abs(sum));
      if (all ? !same : values.value < sum && !same) {
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: all
            ? 'indicatorReporting.error.totalNotSum'
            : 'indicatorReporting.error.totalBelowSum',
        });
      }
    });
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
      indicators: z.array(indicatorUpdateSchema(context)).max(500, INVALID).optional(),
    })
    .superRefine((values, ctx) => {
      const ids = (values.updates ?? []).map((u) => u.milestoneId);
      if (new Set(ids).size !== ids.length) {
        ctx.addIssue({ code: 'custom', path: ['updates'], message: INVALID });
      }
      const indicatorIds = (values.indicators ?? []).map((u) => u.indicatorId);
      if (new Set(indicatorIds).size !== indicatorIds.length) {
        ctx.addIssue({ code: 'custom', path: ['indicators'], message: INVALID });
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
        indicators: optionalText(COMMENT_MAX),
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
