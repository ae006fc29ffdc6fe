import { z } from 'zod';

import {
  INVALID,
  changeSource,
  checkbox,
  newSlug,
  oneOf,
  optionalText,
  requiredText,
  version,
} from '../../core/forms/form-rules';
import { ORGANISATION_KINDS } from '../../../db/vocabulary';

// The organisation form (new and edit), shared by the browser and the action.

export interface OrganisationFormContext {
  countryCodes: readonly string[];
  /** Every organisation a successor may be chosen from. */
  organisationSlugs: readonly string[];
  /** Editing: the organisation itself, which cannot succeed itself. */
  ownSlug?: string;
  /** Editing: the organisations it succeeded (directly or not): as its successor they make a loop. */
  predecessorSlugs?: readonly string[];
}

/** What the form offers, as the loader gives it (getOrganisationFormOptions). */
export interface OrganisationFormOptions {
  countryCodes: string[];
  organisations: { slug: string; name: string; acronym: string | null }[];
  predecessorSlugs: string[];
}

/** The form's rules for these options (editing adds `ownSlug`, the organisation itself). */
export function organisationFormContext(options: OrganisationFormOptions) {
  return {
    countryCodes: options.countryCodes,
    organisationSlugs: options.organisations.map((o) => o.slug),
    predecessorSlugs: options.predecessorSlugs,
  };
}

/** Both states behind the portfolio's ministries were founded in 1949: no succession is older. */
export const SUCCESSION_YEARS = { min: 1949, max: 2100 } as const;

function organisationFields({
  countryCodes,
  organisationSlugs,
  ownSlug,
  predecessorSlugs = [],
}: OrganisationFormContext) {
  const yearError = 'organisationForm.error.successionYear';
  return {
    name: requiredText(300),
    acronym: optionalText(40),
    nameZh: optionalText(300),
    nameDe: optionalText(300),
    kind: z.enum(ORGANISATION_KINDS, { error: 'form.error.choose' }),
    countryCode: oneOf(countryCodes).optional(),
    isInternational: checkbox,
    successor: z
      .string({ error: INVALID })
      .refine((s) => s !== ownSlug, 'organisationForm.error.successorSelf')
      .refine(
        (s) => s === ownSlug || organisationSlugs.includes(s),
        'form.error.unknownOrganisation',
      )
      .refine((s) => !predecessorSlugs.includes(s), 'organisationForm.error.successorLoop')
      .optional(),
    successionYear: z
      .number({ error: yearError })
      .int(yearError)
      .min(SUCCESSION_YEARS.min, yearError)
      .max(SUCCESSION_YEARS.max, yearError)
      .optional(),
    changeSource,
  };
}

type OrganisationFields = z.output<z.ZodObject<ReturnType<typeof organisationFields>>>;

function checkSuccession(values: OrganisationFields, ctx: z.RefinementCtx) {
  if (values.successionYear !== undefined && !values.successor) {
    ctx.addIssue({
      code: 'custom',
      path: ['successionYear'],
      message: 'organisationForm.error.yearNeedsSuccessor',
    });
  }
}

export function organisationEditSchema(context: OrganisationFormContext & { ownSlug: string }) {
  return z.object({ ...organisationFields(context), version }).superRefine(checkSuccession);
}

export function organisationNewSchema(
  context: OrganisationFormContext & { takenSlugs: readonly string[] },
) {
  return (
    z
      .object({
        ...organisationFields(context),
        slug: newSlug(context.takenSlugs),
      })
      // Its successor must exist already, so a new organisation cannot name itself.
      .superRefine(checkSuccession)
  );
}

export type OrganisationEditValues = z.output<ReturnType<typeof organisationEditSchema>>;
export type OrganisationNewValues = z.output<ReturnType<typeof organisationNewSchema>>;

/** What an organisation form saves: its columns, with the successor by slug. */
export function organisationColumns(values: OrganisationFields) {
  return {
    name: values.name,
    acronym: values.acronym ?? null,
    nameZh: values.nameZh ?? null,
    nameDe: values.nameDe ?? null,
    kind: values.kind,
    countryCode: values.countryCode ?? null,
    isInternational: values.isInternational,
    successor: values.successor ?? null,
    successionYear: values.successor ? (values.successionYear ?? null) : null,
  };
}

export type OrganisationColumns = ReturnType<typeof organisationColumns>;

/** A stored organisation as the form's fields write it (what the form opens with, and a 409 shows). */
export function organisationFormValues(row: {
  [K in keyof OrganisationColumns]: OrganisationColumns[K] | null;
}): Record<string, string> {
  return {
    name: row.name ?? '',
    acronym: row.acronym ?? '',
    nameZh: row.nameZh ?? '',
    nameDe: row.nameDe ?? '',
    kind: row.kind ?? '',
    countryCode: row.countryCode ?? '',
    isInternational: row.isInternational ? 'on' : '',
    successor: row.successor ?? '',
    successionYear: row.successionYear === null ? '' : String(row.successionYear),
  };
}
