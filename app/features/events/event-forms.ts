import { z } from 'zod';

import {
  INVALID,
  changeSource,
  checkPeriod,
  checkbox,
  newSlug,
  oneOf,
  optionalText,
  partialDate,
  requiredText,
  version,
} from '../../core/forms/form-rules';

// The event form (new and edit), shared by the browser and the action.

export interface EventFormContext {
  /** The types on offer: EVENT_TYPES and any other the records already use. */
  types: readonly string[];
  provinceCodes: readonly string[];
  projectSlugs: readonly string[];
}

/** What the form offers, as the loader gives it (getEventFormOptions in app/features/events/events.server.ts). */
export interface EventFormOptions {
  types: string[];
  provinces: { code: string; nameEn: string; nameZh: string }[];
  projects: { slug: string; title: string; titleZh: string | null; titleDe: string | null }[];
}

export function eventFormContext(options: EventFormOptions): EventFormContext {
  return {
    types: options.types,
    provinceCodes: options.provinces.map((p) => p.code),
    projectSlugs: options.projects.map((p) => p.slug),
  };
}

/** One organiser per line; blank lines and surrounding spaces do not count. */
const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

function eventFields({ types, provinceCodes, projectSlugs }: EventFormContext) {
  return {
    title: requiredText(300),
    titleZh: optionalText(300),
    titleDe: optionalText(300),
    type: z
      .string({ error: 'form.error.choose' })
      .refine((type) => types.includes(type), 'form.error.choose'),
    startDate: partialDate.optional(),
    endDate: partialDate.optional(),
    dateText: optionalText(300),
    isDateVerified: checkbox,
    city: optionalText(120),
    provinceCode: oneOf(provinceCodes).optional(),
    format: optionalText(80),
    description: optionalText(4000),
    participants: optionalText(2000),
    projects: z
      .array(oneOf(projectSlugs), { error: INVALID })
      .default([])
      .transform((slugs) => [...new Set(slugs)].sort()),
    organisers: optionalText(4000).transform(lines),
    changeSource,
  };
}

type EventFields = z.output<z.ZodObject<ReturnType<typeof eventFields>>>;

export function eventEditSchema(context: EventFormContext) {
  return z.object({ ...eventFields(context), version }).superRefine(checkPeriod);
}

export function eventNewSchema(context: EventFormContext & { takenSlugs: readonly string[] }) {
  return z
    .object({ ...eventFields(context), slug: newSlug(context.takenSlugs) })
    .superRefine(checkPeriod);
}

export type EventEditValues = z.output<ReturnType<typeof eventEditSchema>>;
export type EventNewValues = z.output<ReturnType<typeof eventNewSchema>>;

/** The stored columns an event form sets (dates split into value and precision). */
export function eventColumns(values: EventFields) {
  return {
    title: values.title,
    titleZh: values.titleZh ?? null,
    titleDe: values.titleDe ?? null,
    // The translations an editor writes in the hub are the hub team's, as the seeded ones are.
    titleTranslatedBy: values.titleZh || values.titleDe ? 'hub' : null,
    type: values.type,
    startDate: values.startDate?.value ?? null,
    startPrecision: values.startDate?.precision ?? null,
    endDate: values.endDate?.value ?? null,
    endPrecision: values.endDate?.precision ?? null,
    dateText: values.dateText ?? null,
    isDateVerified: values.isDateVerified,
    city: values.city ?? null,
    provinceCode: values.provinceCode ?? null,
    format: values.format ?? null,
    description: values.description ?? null,
    participants: values.participants ?? null,
    organisers: values.organisers.length ? values.organisers : null,
  };
}

export type EventColumns = ReturnType<typeof eventColumns>;

/** What an event write saves: its columns and the slugs of its projects (sorted). */
export type EventValues = EventColumns & { projects: string[] };

/** A stored event as the form's fields write it (what the form opens with, and a 409 shows). */
export function eventFormValues(row: {
  [K in keyof EventValues]: EventValues[K] | null;
}): Record<string, string | string[]> {
  return {
    title: row.title ?? '',
    titleZh: row.titleZh ?? '',
    titleDe: row.titleDe ?? '',
    type: row.type ?? '',
    startDate: row.startDate ?? '',
    endDate: row.endDate ?? '',
    dateText: row.dateText ?? '',
    isDateVerified: row.isDateVerified ? 'on' : '',
    city: row.city ?? '',
    provinceCode: row.provinceCode ?? '',
    format: row.format ?? '',
    description: row.description ?? '',
    participants: row.participants ?? '',
    projects: [...(row.projects ?? [])].sort(),
    organisers: (row.organisers ?? []).join('\n'),
  };
}
