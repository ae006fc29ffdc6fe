import { z } from 'zod';

import {
  INVALID,
  changeSource,
  httpUrl,
  oneOf,
  optionalText,
  requiredText,
  version,
} from '../../core/forms/form-rules';

// The session form (new and edit), shared by the browser and the action.

/** What the form offers, as the loader gives it (getSessionFormOptions). */
export interface SessionFormOptions {
  topics: { slug: string; name: string; nameZh: string | null; nameDe: string | null }[];
  organisations: {
    slug: string;
    name: string;
    acronym: string | null;
    nameZh: string | null;
    nameDe: string | null;
  }[];
  projects: { slug: string; title: string; titleZh: string | null; titleDe: string | null }[];
}

/** Several of a list, each at most once, in a fixed order (so a save that changes none is none). */
const someOf = (allowed: readonly string[]) =>
  z
    .array(oneOf(allowed), { error: INVALID })
    .default([])
    .transform((slugs) => [...new Set(slugs)].sort());

function sessionFields(options: SessionFormOptions) {
  return {
    title: requiredText(300),
    titleZh: optionalText(300),
    titleDe: optionalText(300),
    topic: oneOf(options.topics.map((t) => t.slug)).optional(),
    organisations: someOf(options.organisations.map((o) => o.slug)),
    projects: someOf(options.projects.map((p) => p.slug)),
    outcomes: optionalText(8000),
    /** Where the session is described (its event's page, a report): the session's source. */
    source: httpUrl.optional(),
    changeSource,
  };
}

export function sessionNewSchema(options: SessionFormOptions) {
  return z.object(sessionFields(options));
}

export function sessionEditSchema(options: SessionFormOptions) {
  return z.object({ ...sessionFields(options), version });
}

export type SessionFormOutput = z.output<ReturnType<typeof sessionNewSchema>>;

/** What a session write saves: its columns, its topic and the slugs of who took part. */
export interface SessionValues {
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  titleTranslatedBy: string | null;
  topic: string | null;
  outcomes: string | null;
  source: string | null;
  organisations: string[];
  projects: string[];
}

export function sessionValuesOf(values: Omit<SessionFormOutput, 'changeSource'>): SessionValues {
  return {
    title: values.title,
    titleZh: values.titleZh ?? null,
    titleDe: values.titleDe ?? null,
    // Translations written in the hub are the hub team's, as the seeded ones are.
    titleTranslatedBy: values.titleZh || values.titleDe ? 'hub' : null,
    topic: values.topic ?? null,
    outcomes: values.outcomes ?? null,
    source: values.source ?? null,
    organisations: values.organisations,
    projects: values.projects,
  };
}

/** A stored session as the form's fields write it (what the form opens with, and a 409 shows). */
export function sessionFormValues(row: SessionValues): Record<string, string | string[]> {
  return {
    title: row.title,
    titleZh: row.titleZh ?? '',
    titleDe: row.titleDe ?? '',
    topic: row.topic ?? '',
    outcomes: row.outcomes ?? '',
    source: row.source ?? '',
    organisations: [...row.organisations].sort(),
    projects: [...row.projects].sort(),
  };
}
