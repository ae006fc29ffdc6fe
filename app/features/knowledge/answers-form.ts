import { parseWithZod } from '@conform-to/zod/v4';
import { z } from 'zod';

import { INVALID, version } from '../../core/forms/form-rules';
import { HUB_LANGUAGES, type KnowledgeKind, type KnowledgeState } from '../../../db/vocabulary';
import type { AnswerInput } from './answers.server';

// The answer form and the moderation and "solved" buttons: their schemas, shared by the pages
// (conform checks in the browser) and the actions (which decide).

/** An answer is short: a pointer to who solved it and how, not a second entry. */
export const ANSWER_MAX_LENGTH = 2000;

export const AnswerFormSchema = z.object({
  body: z
    .string({ error: 'knowledgeAnswers.error.required' })
    .trim()
    .min(1, 'knowledgeAnswers.error.required')
    .max(ANSWER_MAX_LENGTH, 'knowledgeAnswers.error.tooLong'),
  language: z.enum(HUB_LANGUAGES, { error: 'knowledgeAnswers.error.language' }),
  /** An organisation's id; empty: the answer names none. */
  organisation: z.coerce
    .number({ error: 'knowledgeAnswers.error.organisation' })
    .int('knowledgeAnswers.error.organisation')
    .positive('knowledgeAnswers.error.organisation')
    .optional(),
});

export type AnswerFormValue = z.output<typeof AnswerFormSchema>;

export const ModerationFormSchema = z.object({
  intent: z.enum(['publish-answer', 'reject-answer'], { error: INVALID }),
  answerId: z.coerce.number({ error: INVALID }).int().positive(),
  version: z.coerce.number({ error: 'form.error.stale' }).int().min(1),
});

export const ResolveFormSchema = z.object({
  intent: z.enum(['mark-solved', 'reopen'], { error: INVALID }),
  version,
});

/**
 * Reads an answer form for an entry: only a published challenge takes answers (the route answers
 * 404 for an entry the reader may not see and 400 for one that is not a challenge).
 */
export function parseAnswerForm(
  formData: FormData,
  entry: { kind: KnowledgeKind; state: KnowledgeState },
) {
  if (entry.kind !== 'challenge') return { status: 'not-a-challenge' as const };
  const submission = parseWithZod(formData, { schema: AnswerFormSchema });
  if (submission.status !== 'success') {
    const errors = Object.fromEntries(
      Object.entries(submission.error ?? {}).map(([field, messages]) => [field, messages?.[0]]),
    );
    return { status: 'invalid' as const, submission, errors };
  }
  return { status: 'ok' as const, submission, value: submission.value };
}

export function answerInputOf(value: AnswerFormValue): AnswerInput {
  return {
    body: value.body,
    language: value.language,
    organisationId: value.organisation ?? null,
  };
}
