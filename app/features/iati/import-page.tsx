import { getInputProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect } from 'react-router';
import { z } from 'zod';

import { discardStagedImport, isImportStaged } from './import.server';
import { applyStagedImportOffThread, reviewIatiFileOffThread } from './import-jobs.server';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FormField, TextField } from '../../core/ui/form-field';
import { PageTitle } from '../../core/ui/page-title';
import { CSRF_FIELD, CSRF_REFUSAL, isCsrfTokenValid } from '../../core/http/csrf.server';
import { authorize } from '../../core/auth/authorize.server';
import { langFromPath, localizePath } from '../../core/i18n/config';
import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { now } from '../../core/clock';
import { isStreamedUpload, maxUploadBytes } from '../../core/http/request-rules.server';
import { receiveUpload } from '../../core/http/upload.server';
import type { Route } from './+types/import-page';
import { AppLink } from '../../core/ui/app-link';
import { actorOf } from '../../core/auth/auth';
import { TableScroll } from '../../core/ui/data-table';
import { countryChoiceText, parseCountryChoice } from './country-choice';

// The IATI upload: a dry run first (what the file would create, update or leave unchanged, and
// every problem with its line), then "Apply" writes the staged import in one transaction. The
// same reading, staging and planning as `npm run import` (app/features/iati/import.server.ts).

/** Activities shown in the dry-run table; the counts cover all of them. */
const LISTED_ACTIVITIES = 500;
const IMPORT_ID = /^\d{13}-[0-9a-f]{16}$/;

const REGIONS = /^\d{1,5}(?:\s*,\s*\d{1,5})*$/;
/** The upload form's rules in the browser; the action reads the same fields as they stream in. */
const uploadSchema = z.object({
  file: z
    .instanceof(File, { error: 'importPage.noFile' })
    .refine((file) => file.size > 0, 'importPage.noFile'),
  regions: z
    .string({ error: 'importPage.badRegions' })
    .trim()
    .regex(REGIONS, 'importPage.badRegions')
    .optional(),
  countries: z
    .string({ error: 'indicatorIati.badCountries' })
    .trim()
    .refine((text) => parseCountryChoice(text).ok, 'indicatorIati.badCountries')
    .optional(),
});
const stagedSchema = z.object({ importId: z.string().regex(IMPORT_ID) });

const positive = (value: string | null) =>
  value !== null && /^\d{1,7}$/.test(value) ? Number(value) : null;

export function loader({ request, context }: Route.LoaderArgs) {
  authorize(context, request, 'iati.import');
  const search = new URL(request.url).searchParams;
  const create = positive(search.get('created'));
  const update = positive(search.get('updated'));
  const unchanged = positive(search.get('unchanged'));
  return {
    maxMb: Math.floor(maxUploadBytes() / (1024 * 1024)),
    applied:
      create !== null && update !== null && unchanged !== null
        ? { create, update, unchanged }
        : null,
    discarded: search.has('discarded'),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'iati.import');
  const url = new URL(request.url);
  const lang = langFromPath(url.pathname);

  if (!isStreamedUpload(url.pathname, request.headers.get('Content-Type'))) {
    const formData = await request.formData();
    const intent = formData.get('intent');
    if (intent !== 'apply' && intent !== 'discard') {
      // A check sent without a file (the form always sends one as multipart).
      const submission = parseWithZod(formData, { schema: uploadSchema });
      return data({ result: submission.reply() }, { status: 400 });
    }
    const submission = parseWithZod(formData, { schema: stagedSchema });
    if (submission.status !== 'success' || !isImportStaged(submission.value.importId)) {
      return data({ notStaged: true } as const, { status: 400 });
    }
    const { importId } = submission.value;
    if (intent === 'discard') {
      discardStagedImport(importId);
      return redirect(localizePath('/import?discarded=1', lang), 303);
    }
    const { counts } = await applyStagedImportOffThread(importId, {
      at: now(),
      actor: actorOf(user),
    });
    return redirect(
      localizePath(
        `/import?created=${counts.create}&updated=${counts.update}&unchanged=${counts.unchanged}`,
        lang,
      ),
      303,
    );
  }

  // Refused before a byte is read when the browser says how large it is; counted as it arrives
  // either way, straight into a temporary file.
  const maxBytes = maxUploadBytes();
  if (Number(request.headers.get('Content-Length') ?? 0) > maxBytes + 64 * 1024) {
    return data({ tooLarge: true } as const, { status: 413 });
  }
  const received = await receiveUpload(request, {
    fileField: 'file',
    maxBytes,
    csrfField: CSRF_FIELD,
    isCsrfValid: (token) => isCsrfTokenValid(context, token),
  });
  if (!received.ok) {
    if (received.reason === 'csrf') throw data(CSRF_REFUSAL, { status: 403 });
    if (received.reason === 'too-large') return data({ tooLarge: true } as const, { status: 413 });
    return data({ result: uploadReply(new Map(), 'importPage.noFile') }, { status: 400 });
  }
  const { fields, file, cleanup } = received.upload;
  try {
    const regionsText = fields.get('regions')?.trim() ?? '';
    if (regionsText && !REGIONS.test(regionsText)) {
      return data(
        { result: uploadReply(fields, 'importPage.badRegions', 'regions') },
        { status: 400 },
      );
    }
    const choice = parseCountryChoice(fields.get('countries'));
    if (!choice.ok) {
      return data(
        { result: uploadReply(fields, 'indicatorIati.badCountries', 'countries') },
        { status: 400 },
      );
    }
    if (!file) {
      return data({ result: uploadReply(fields, 'importPage.noFile') }, { status: 400 });
    }
    const { staged, plan, seconds } = await reviewIatiFileOffThread(file.path, {
      countries: choice.countries,
      regions: regionsText ? regionsText.split(',').map((r) => r.trim()) : undefined,
    });
    const problems = [...staged.problems, ...(plan?.problems ?? [])].sort(
      (a, b) => a.line - b.line,
    );
    const review = {
      fileName: file.name,
      countries: countryChoiceText(choice.countries),
      importId: staged.isRefused ? null : staged.importId,
      activities: staged.activities,
      skipped: staged.skipped,
      seconds: Math.round(seconds * 10) / 10,
      problems,
      unlistedProblems:
        staged.errors + staged.warnings + (plan?.problemCount ?? 0) - problems.length,
      counts: plan?.counts ?? null,
      documents: plan?.documents ?? null,
      entries: plan?.entries.slice(0, LISTED_ACTIVITIES) ?? [],
      unlistedEntries: Math.max(0, (plan?.entries.length ?? 0) - LISTED_ACTIVITIES),
    };
    return data({ review }, { status: staged.isRefused ? 400 : 200 });
  } finally {
    await cleanup();
  }
}

/** conform's answer for the upload form with one field's error, keeping what was typed. */
function uploadReply(fields: Map<string, string>, message: string, field = 'file') {
  const formData = new FormData();
  for (const [name, value] of fields) if (name !== CSRF_FIELD) formData.set(name, value);
  return parseWithZod(formData, { schema: uploadSchema }).reply({
    fieldErrors: { [field]: [message] },
  });
}

type ActionData = Route.ComponentProps['actionData'];
type Review = Extract<NonNullable<ActionData>, { review: unknown }>['review'];

export default function ImportPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const { maxMb, applied, discarded } = loaderData;
  const review = actionData && 'review' in actionData ? actionData.review : null;
  return (
    <>
      <PageTitle title={t('importPage.title')} description={t('importPage.lead')} />
      <h1>{t('importPage.title')}</h1>
      <p className="lead">{t('importPage.lead')}</p>
      {applied ? (
        <p className="notice notice--success" role="status">
          {t('importPage.applied', {
            create: format.count(applied.create),
            update: format.count(applied.update),
            unchanged: format.count(applied.unchanged),
          })}
          <AppLink to={to('/projects?origin=iati')}>{t('importPage.appliedLink')}</AppLink>
        </p>
      ) : null}
      {discarded ? (
        <p className="notice notice--success" role="status">
          {t('importPage.discarded')}
        </p>
      ) : null}
      {actionData && 'notStaged' in actionData ? (
        <p className="notice" role="alert">
          {t('importPage.notStaged')}
        </p>
      ) : null}
      {actionData && 'tooLarge' in actionData ? (
        <p className="notice" role="alert">
          {t('importPage.tooLarge', { max: maxMb })}
        </p>
      ) : null}
      <UploadForm
        maxMb={maxMb}
        lastResult={actionData && 'result' in actionData ? actionData.result : undefined}
      />
      {review ? <ReviewSection review={review} /> : null}
    </>
  );
}

function UploadForm({
  maxMb,
  lastResult,
}: {
  maxMb: number;
  lastResult: Parameters<typeof useEntryForm>[1]['lastResult'];
}) {
  const { t } = useTranslation();
  const [form, fields] = useEntryForm(uploadSchema, { id: 'iati-upload', lastResult });
  return (
    <EntryForm
      form={form}
      encType="multipart/form-data"
      intent="check"
      submitLabel={t('importPage.check')}
    >
      <FormField
        field={fields.file}
        label={t('importPage.file')}
        hint={t('importPage.fileHint', { max: maxMb })}
      >
        <input
          {...getInputProps(fields.file, {
            type: 'file',
            ariaDescribedBy: fields.file.descriptionId,
          })}
          accept=".xml,application/xml,text/xml"
        />
      </FormField>
      <TextField
        field={fields.regions}
        label={t('importPage.regions')}
        hint={t('importPage.regionsHint')}
        inputMode="numeric"
      />
      <TextField
        field={fields.countries}
        label={t('indicatorIati.countries')}
        hint={t('indicatorIati.countriesHint')}
        placeholder="CN"
        autoCapitalize="characters"
        spellCheck={false}
      />
    </EntryForm>
  );
}

function ReviewSection({ review }: { review: Review }) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const { counts } = review;
  const changes = counts ? counts.create + counts.update : 0;
  return (
    <section aria-labelledby="import-result">
      <h2 id="import-result">{t('importPage.result')}</h2>
      <p>
        <strong className="import-file-name">{review.fileName}</strong>:{' '}
        {t(review.countries === 'CN' ? 'importPage.read' : 'indicatorIati.read', {
          activities: format.count(review.activities),
          countries: review.countries === 'all' ? 'all' : review.countries,
          count: review.activities,
          skipped: format.count(review.skipped),
          seconds: review.seconds,
        })}
      </p>
      {review.importId === null ? (
        <p className="notice" role="alert">
          {t('importPage.refused')}
        </p>
      ) : null}
      {counts ? (
        <table className="data-table import-counts">
          <caption>{t('importPage.counts')}</caption>
          <tbody>
            {(['create', 'update', 'unchanged'] as const).map((action) => (
              <tr key={action}>
                <th scope="row">{t(`importPage.${action}`)}</th>
                <td data-count={action}>{format.count(counts[action])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {review.documents ? <DocumentCounts counts={review.documents} /> : null}
      {review.entries.length ? (
        <TableScroll labelledBy="import-activities">
          <table className="data-table">
            <caption id="import-activities">{t('importPage.activities')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('importPage.line')}</th>
                <th scope="col">{t('importPage.identifier')}</th>
                <th scope="col">{t('importPage.activityTitle')}</th>
                <th scope="col">{t('importPage.change')}</th>
                <th scope="col">{t('importPage.kind')}</th>
                <th scope="col">{t('importPage.fields')}</th>
              </tr>
            </thead>
            <tbody>
              {review.entries.map((e) => (
                <tr key={e.identifier} data-action={e.action}>
                  <td>{e.line}</td>
                  <td>
                    <code>{e.identifier}</code>
                  </td>
                  <td lang="en">
                    {e.action === 'create' ? (
                      e.title
                    ) : (
                      <AppLink to={to(`/projects/${e.slug}`)}>{e.title}</AppLink>
                    )}
                  </td>
                  <td>{t(`importPage.action.${e.action}`)}</td>
                  <td>{t(`importPage.origin.${e.origin}`)}</td>
                  <td>{e.action === 'update' ? e.fields.join(', ') : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {review.unlistedEntries > 0 ? (
            <p className="muted">
              {t('importPage.moreActivities', { count: review.unlistedEntries })}
            </p>
          ) : null}
        </TableScroll>
      ) : null}
      <h3>{t('importPage.problems')}</h3>
      {review.problems.length === 0 ? (
        <p>{t('importPage.noProblems')}</p>
      ) : (
        <ul className="import-problems">
          {review.problems.map((p, i) => (
            <li key={i} data-severity={p.severity}>
              <strong>{t(`importPage.severity.${p.severity}`)}</strong>, {t('importPage.line')}{' '}
              {p.line}: <span lang="en">{p.message}</span>
            </li>
          ))}
        </ul>
      )}
      {review.unlistedProblems > 0 ? (
        <p className="muted">{t('importPage.moreProblems', { count: review.unlistedProblems })}</p>
      ) : null}
      {review.importId ? <StagedForms importId={review.importId} canApply={changes > 0} /> : null}
    </section>
  );
}

/** What the file's document links would do (decision 0072). */
function DocumentCounts({ counts }: { counts: NonNullable<Review['documents']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <table className="data-table import-counts">
      <caption>{t('documentIati.counts')}</caption>
      <tbody>
        {(['create', 'update', 'remove'] as const).map((action) => (
          <tr key={action}>
            <th scope="row">{t(`documentIati.${action}`)}</th>
            <td data-documents={action}>{format.count(counts[action])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Apply (when anything would change) and discard, both for the staged import. */
function StagedForms({ importId, canApply }: { importId: string; canApply: boolean }) {
  const { t } = useTranslation();
  const [applyForm] = useEntryForm(stagedSchema, { id: 'iati-apply' });
  const [discardForm] = useEntryForm(stagedSchema, { id: 'iati-discard' });
  return (
    <>
      {canApply ? (
        <EntryForm
          form={applyForm}
          intent="apply"
          legend={t('importPage.applyLegend')}
          submitLabel={t('importPage.apply')}
        >
          <p>{t('importPage.applyHint')}</p>
          <input type="hidden" name="importId" value={importId} />
        </EntryForm>
      ) : (
        <p>{t('importPage.nothingToApply')}</p>
      )}
      <EntryForm form={discardForm} intent="discard" submitLabel={t('importPage.discard')}>
        <input type="hidden" name="importId" value={importId} />
      </EntryForm>
    </>
  );
}
