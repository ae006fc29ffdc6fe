import { parseWithZod } from '@conform-to/zod/v4';
import { data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { canReadEntry } from '../../core/auth/visibility';
import type { SessionUser } from '../../core/auth/auth';
import { actorOf } from '../../core/auth/auth';
import { now } from '../../core/clock';
import { editAction } from '../../core/forms/edit-action.server';
import { redirectAfterSave } from '../../core/forms/responses.server';
import { revalidateAfterConflict } from '../../core/forms/conflict';
import { langFromPath } from '../../core/i18n/config';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FormHead } from '../../core/ui/form-head';
import { PageTitle } from '../../core/ui/page-title';
import { KNOWLEDGE_KINDS, type KnowledgeKind } from '../../../db/vocabulary';
import type { Route } from './+types/entry-form-page';
import { EntryFields, useEntryLabels } from './entry-fields';
import { listEntryChoices } from './knowledge-entries.server';
import {
  entryEditSchema,
  entryFormSchema,
  entryFormText,
  entryValuesOf,
  submitSchema,
} from './knowledge-forms';
import { canEditEntry, isHubTeam } from './knowledge-rules';
import {
  type StoredEntry,
  createEntry,
  getEntry,
  submitEntry,
  updateEntry,
} from './knowledge-writes.server';
import { SubmitForm } from './submit-form';

// Writing a knowledge entry (/knowledge/new) and changing it (/knowledge/:slug/edit, which also
// takes the author's "submit for review"). Contributors write; an author changes their own entry
// until it is published, the hub team any entry (decision 0067).

const isKind = (value: string | null): value is KnowledgeKind =>
  (KNOWLEDGE_KINDS as readonly string[]).includes(value ?? '');

/** The entry of an edit URL, or 404: missing, or one this account may not even read. */
function requireEntry(slug: string, user: SessionUser): StoredEntry {
  const entry = getEntry(slug);
  // Never say a draft exists to someone who may not read it.
  if (!entry || !canReadEntry(user, entry)) throw data(null, { status: 404 });
  return entry;
}

const titleOf = (entry: StoredEntry) => entry.texts[entry.language]?.title ?? entry.slug;

/** The translator a translation without a name is credited to: the hub, or the writer. */
const translatorFor = (user: SessionUser) => (isHubTeam(user) ? 'hub' : user.name);

export function loader({ params, request, context }: Route.LoaderArgs) {
  const user = authorize(context, request, 'knowledge.write');
  const url = new URL(request.url);
  const choices = listEntryChoices();
  if (params.slug === undefined) {
    const kind = url.searchParams.get('kind');
    const lang = langFromPath(url.pathname);
    return {
      mode: 'new' as const,
      kind: isKind(kind) ? kind : null,
      original: lang,
      choices,
      values: { kind: isKind(kind) ? kind : 'lesson', language: lang },
      entry: null,
      refused: false,
    };
  }
  const entry = requireEntry(params.slug, user);
  const head = {
    slug: entry.slug,
    title: titleOf(entry),
    state: entry.state,
    version: entry.version,
    isHubTeam: isHubTeam(user),
  };
  if (!canEditEntry(user, entry)) {
    // The author (or another contributor) of a published entry: the hub team's to change now.
    return data(
      {
        mode: 'edit' as const,
        kind: entry.kind,
        original: entry.language,
        choices: null,
        values: null,
        entry: head,
        refused: true,
      },
      { status: 403 },
    );
  }
  return {
    mode: 'edit' as const,
    kind: entry.kind,
    original: entry.language,
    choices,
    values: entryFormText(entry),
    entry: head,
    refused: false,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'knowledge.write');
  const choices = listEntryChoices();
  if (params.slug === undefined) {
    const submission = parseWithZod(await request.formData(), {
      schema: entryFormSchema(choices),
    });
    if (submission.status !== 'success') {
      return data({ result: submission.reply(), conflict: null, form: 'entry' }, { status: 400 });
    }
    const created = createEntry(entryValuesOf(submission.value, translatorFor(user)), {
      at: now(),
      actor: actorOf(user),
    });
    return redirectAfterSave(request, `/knowledge/${created.slug}?saved=created`);
  }
  const entry = requireEntry(params.slug, user);
  if (!canEditEntry(user, entry))
    throw data('Your account may not change this entry.', { status: 403 });
  const intent = (await request.clone().formData()).get('intent');
  if (intent === 'submit') {
    const submission = parseWithZod(await request.formData(), { schema: submitSchema });
    if (submission.status !== 'success') {
      return data({ result: submission.reply(), conflict: null, form: 'submit' }, { status: 400 });
    }
    const outcome = submitEntry(entry.id, submission.value.version, {
      at: now(),
      actor: actorOf(user),
    });
    if (!outcome.ok && outcome.reason === 'not-found') throw data(null, { status: 404 });
    if (!outcome.ok) {
      const message =
        outcome.reason === 'stale' ? 'form.error.staleRecord' : 'knowledge.form.moveRefused';
      return data(
        { result: submission.reply({ formErrors: [message] }), conflict: null, form: 'submit' },
        { status: 409 },
      );
    }
    return redirectAfterSave(request, `/knowledge/${entry.slug}?saved=submitted`);
  }
  const response = await editAction(request, {
    schema: entryEditSchema(choices),
    save: ({ version, ...value }) => {
      const outcome = updateEntry(entry.id, version, entryValuesOf(value, translatorFor(user)), {
        at: now(),
        actor: actorOf(user),
      });
      // A save never moves the state: 'not-allowed' cannot come back from it.
      if (!outcome.ok && outcome.reason === 'not-allowed') throw data(null, { status: 409 });
      return outcome as Exclude<typeof outcome, { reason: 'not-allowed' }>;
    },
    saved: (current) => entryFormText(current),
    savedTo: `/knowledge/${entry.slug}?saved=saved`,
  });
  return response;
}

export const shouldRevalidate = revalidateAfterConflict;

export default function EntryFormPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const { entry } = loaderData;
  if (loaderData.refused && entry) {
    const title = t('knowledge.form.editTitle', { title: entry.title });
    return (
      <>
        <PageTitle title={title} />
        <h1>{title}</h1>
        <p>{t('knowledge.form.publishedHubOnly')}</p>
        <p>
          <AppLink to={to(`/knowledge/${entry.slug}`)}>{t('knowledge.review.toEntry')}</AppLink>
        </p>
      </>
    );
  }
  // A form sent without ?kind= (no browser does) is answered with the form, not the chooser.
  if (loaderData.mode === 'new' && loaderData.kind === null && !actionData) return <KindChooser />;
  return <EntryFormBody loaderData={loaderData} actionData={actionData} />;
}

/** Step one of a new entry: which kind (the form's section labels follow it). */
function KindChooser() {
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <>
      <FormHead title={t('knowledge.form.newTitle')} lead={t('knowledge.form.newLead')} />
      <ul className="entry-kinds">
        {KNOWLEDGE_KINDS.map((kind) => (
          <li key={kind}>
            <AppLink to={to(`/knowledge/new?kind=${kind}`)}>
              {t('knowledge.form.chooseKind', { kind: t(`knowledge.kinds.${kind}`) })}
            </AppLink>
            <br />
            <span className="muted">{t(`knowledge.kindLead.${kind}`)}</span>
          </li>
        ))}
      </ul>
      <p>
        <AppLink to={to('/knowledge/drafts')}>{t('knowledge.form.drafts')}</AppLink>
      </p>
    </>
  );
}

function EntryFormBody({
  loaderData,
  actionData,
}: Pick<Route.ComponentProps, 'loaderData' | 'actionData'>) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const { entry, choices } = loaderData;
  const sentKind = (actionData?.result.initialValue as Record<string, unknown> | undefined)?.kind;
  const kind: KnowledgeKind =
    loaderData.kind ?? (isKind(String(sentKind ?? '')) ? (sentKind as KnowledgeKind) : 'lesson');
  const isEdit = loaderData.mode === 'edit' && entry !== null;
  const schema = isEdit ? entryEditSchema(choices!) : entryFormSchema(choices!);
  // The submit button's answer carries form: 'submit'; the entry form's (editAction's) none.
  const isSubmitAnswer =
    actionData !== undefined && 'form' in actionData && actionData.form === 'submit';
  const [form, fields] = useEntryForm(schema, {
    id: 'entry',
    lastResult: actionData && !isSubmitAnswer ? actionData.result : null,
    defaultValue: loaderData.values as Record<string, unknown>,
  });
  const labels = useEntryLabels(kind);
  const title = isEdit
    ? t('knowledge.form.editTitle', { title: entry.title })
    : t('knowledge.form.newTitle');
  const conflict = actionData && 'conflict' in actionData ? actionData.conflict : null;
  return (
    <>
      <FormHead
        title={title}
        back={
          isEdit ? (
            <AppLink to={to(`/knowledge/${entry.slug}`)}>{entry.title}</AppLink>
          ) : (
            <AppLink to={to('/knowledge/drafts')}>{t('knowledge.form.drafts')}</AppLink>
          )
        }
        lead={
          isEdit && entry.state === 'published'
            ? t('knowledge.form.publishedNote')
            : isEdit
              ? undefined
              : t(`knowledge.kindLead.${kind}`)
        }
      />
      {isEdit ? (
        <p className="badges">
          <span className="badge">{t(`knowledge.states.${entry.state}`)}</span>
        </p>
      ) : null}
      <EntryForm
        form={form}
        intent={isEdit ? 'save' : undefined}
        submitLabel={isEdit ? t('knowledge.form.save') : t('knowledge.form.create')}
        cancelTo={isEdit ? to(`/knowledge/${entry.slug}`) : to('/knowledge/new')}
        version={isEdit ? entry.version : undefined}
        conflict={conflict}
        conflictLabels={labels}
      >
        <EntryFields
          fields={fields as never}
          choices={choices!}
          kind={kind}
          original={loaderData.original}
          isNew={!isEdit}
        />
      </EntryForm>
      {isEdit && entry.state === 'draft' ? (
        <SubmitForm
          slug={entry.slug}
          version={entry.version}
          lastResult={isSubmitAnswer ? actionData.result : null}
        />
      ) : null}
      {isEdit && entry.isHubTeam ? (
        <p>
          {entry.state === 'in-review' ? (
            <>
              <AppLink to={to(`/knowledge/${entry.slug}/review`)}>
                {t('knowledge.page.review')}
              </AppLink>
              {' · '}
            </>
          ) : null}
          <AppLink to={to(`/knowledge/${entry.slug}/delete`)}>{t('knowledge.page.delete')}</AppLink>
        </p>
      ) : null}
    </>
  );
}
