import { z } from 'zod';

import { INVALID, checkbox, optionalText, version } from '../../core/forms/form-rules';
import { HUB_LANGUAGES, type HubLanguage, KNOWLEDGE_KINDS } from '../../../db/vocabulary';
import {
  ENTRY_LANGUAGES,
  ENTRY_TEXT_FIELDS,
  type EntryText,
  type EntryTextField,
  type EntryValues,
  langSuffix,
} from './knowledge-rules';

// The entry form's rules, shared by the browser (conform checks as one types) and the action
// (which decides). Its fields are flat, one per language: titleEn, contextZh, translatedByDe …
// Messages are translation keys; the page shows them next to the field. Decision 0067.

const E = 'knowledge.error';

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 1000;
export const SECTION_MAX = 10_000;
export const TRANSLATOR_MAX = 120;
export const REVIEW_COMMENT_MAX = 4000;

const limitOf = (field: EntryTextField) =>
  field === 'title' ? TITLE_MAX : field === 'summary' ? SUMMARY_MAX : SECTION_MAX;

const tooLong = (field: EntryTextField) =>
  field === 'title'
    ? `${E}.titleTooLong`
    : field === 'summary'
      ? `${E}.summaryTooLong`
      : `${E}.sectionTooLong`;

/** The flat name of a text field in one language: titleZh. */
export const textName = (field: EntryTextField | 'translatedBy', lang: HubLanguage) =>
  `${field}${langSuffix(lang)}`;

/** The ids the form may choose from (an id not offered is refused). */
export interface EntryFormChoices {
  topics: readonly { id: number }[];
  projects: readonly { id: number }[];
  organisations: readonly { id: number }[];
  events: readonly { id: number }[];
  sessions: readonly { id: number }[];
}

/** Ticked boxes of one list: ids among the offered ones (one box is sent as one value). */
const idList = (offered: readonly { id: number }[]) =>
  z
    .preprocess(
      (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
      z.array(z.string({ error: INVALID }).regex(/^\d{1,15}$/, INVALID)).max(500, INVALID),
    )
    .transform((list, ctx) => {
      const allowed = new Set(offered.map((o) => o.id));
      const chosen = [...new Set(list.map(Number))];
      if (chosen.some((id) => !allowed.has(id))) {
        ctx.addIssue({ code: 'custom', message: 'form.error.choose' });
        return z.NEVER;
      }
      return chosen;
    });

function textFields() {
  const shape: Record<string, z.ZodType> = {};
  for (const lang of ENTRY_LANGUAGES) {
    for (const field of ENTRY_TEXT_FIELDS) {
      shape[textName(field, lang)] = z
        .string({ error: INVALID })
        .trim()
        .max(limitOf(field), tooLong(field))
        .optional();
    }
    shape[textName('translatedBy', lang)] = optionalText(TRANSLATOR_MAX);
  }
  return shape as Record<string, z.ZodOptional<z.ZodString>>;
}

function entryFields(choices: EntryFormChoices) {
  return {
    kind: z.enum(KNOWLEDGE_KINDS, { error: 'form.error.choose' }),
    language: z.enum(HUB_LANGUAGES, { error: 'form.error.choose' }),
    isResolved: checkbox,
    session: z
      .string({ error: INVALID })
      .refine((id) => choices.sessions.some((s) => String(s.id) === id), 'form.error.choose')
      .transform(Number)
      .optional(),
    topics: idList(choices.topics),
    projects: idList(choices.projects),
    organisations: idList(choices.organisations),
    events: idList(choices.events),
    ...textFields(),
  };
}

/** The original needs a title; a translation with any text needs its title too. */
function checkTexts(values: Record<string, unknown>, ctx: z.RefinementCtx) {
  const language = values.language as HubLanguage | undefined;
  for (const lang of ENTRY_LANGUAGES) {
    const title = values[textName('title', lang)];
    if (lang === language) {
      if (!title) {
        ctx.addIssue({
          code: 'custom',
          path: [textName('title', lang)],
          message: `${E}.originalTitle`,
        });
      }
      continue;
    }
    const hasText =
      ENTRY_TEXT_FIELDS.some((f) => values[textName(f, lang)]) ||
      values[textName('translatedBy', lang)];
    if (hasText && !title) {
      ctx.addIssue({
        code: 'custom',
        path: [textName('title', lang)],
        message: `${E}.translationTitle`,
      });
    }
  }
}

export function entryFormSchema(choices: EntryFormChoices) {
  return z.object(entryFields(choices)).superRefine(checkTexts);
}

export function entryEditSchema(choices: EntryFormChoices) {
  return z.object({ ...entryFields(choices), version }).superRefine(checkTexts);
}

export type EntryFormValue = z.output<ReturnType<typeof entryFormSchema>>;

/**
 * The form's values as the write takes them. A translation without a translator's name is the
 * hub team's when an editor writes it, else the writer's own.
 */
export function entryValuesOf(
  value: Record<string, unknown>,
  defaultTranslator: string,
): EntryValues {
  const language = value.language as HubLanguage;
  const texts: Partial<Record<HubLanguage, EntryText>> = {};
  for (const lang of ENTRY_LANGUAGES) {
    const title = value[textName('title', lang)] as string | undefined;
    if (!title) continue;
    const text = Object.fromEntries(
      ENTRY_TEXT_FIELDS.map((f) => [f, (value[textName(f, lang)] as string | undefined) || null]),
    ) as EntryText;
    text.title = title;
    text.translatedBy =
      lang === language
        ? null
        : (value[textName('translatedBy', lang)] as string | undefined) || defaultTranslator;
    texts[lang] = text;
  }
  return {
    kind: value.kind as EntryValues['kind'],
    language,
    isResolved: value.kind === 'challenge' && value.isResolved === true,
    sessionId: (value.session as number | undefined) ?? null,
    texts,
    topicIds: value.topics as number[],
    projectIds: value.projects as number[],
    organisationIds: value.organisations as number[],
    eventIds: value.events as number[],
  };
}

/** The stored entry as the form's default values (and the saved side of a 409). */
export function entryFormText(entry: EntryValues): Record<string, string | string[] | boolean> {
  const values: Record<string, string | string[] | boolean> = {
    kind: entry.kind,
    language: entry.language,
    isResolved: entry.isResolved,
    session: entry.sessionId === null ? '' : String(entry.sessionId),
    topics: entry.topicIds.map(String),
    projects: entry.projectIds.map(String),
    organisations: entry.organisationIds.map(String),
    events: entry.eventIds.map(String),
  };
  for (const lang of ENTRY_LANGUAGES) {
    const text = entry.texts[lang];
    for (const field of ENTRY_TEXT_FIELDS) values[textName(field, lang)] = text?.[field] ?? '';
    values[textName('translatedBy', lang)] = text?.translatedBy ?? '';
  }
  return values;
}

/** The hub team's review: publish, or return to the author with a comment. */
export const reviewSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('publish'), version }),
    z.object({
      intent: z.literal('return'),
      version,
      reviewComment: z
        .string({ error: `${E}.commentRequired` })
        .trim()
        .min(1, `${E}.commentRequired`)
        .max(REVIEW_COMMENT_MAX, 'form.error.tooLong'),
    }),
  ],
  { error: INVALID },
);

/** The author's "submit for review" button. */
export const submitSchema = z.object({ intent: z.literal('submit', { error: INVALID }), version });
