import { getInputProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data } from 'react-router';

import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FieldErrors } from '../../core/ui/form-field';
import { PageTitle } from '../../core/ui/page-title';
import { authorize } from '../../core/auth/authorize.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { now } from '../../core/clock';
import { redirectAfterSave } from '../../core/forms/responses.server';
import { deleteSchema } from '../milestones/milestone-forms';
import type { Route } from './+types/delete';
import { DELETE_KINDS, type DeleteKind, deleteKindOf } from './delete-kinds.server';
import { AppLink } from '../../core/ui/app-link';
import { actorOf } from '../../core/auth/auth';

// One confirmation page for deleting any record: it says what the delete affects, then asks.

function requireTarget(request: Request, params: Record<string, string | undefined>) {
  const name = deleteKindOf(new URL(request.url).pathname, params);
  const kind: DeleteKind | undefined =
    name && name in DELETE_KINDS ? DELETE_KINDS[name as keyof typeof DELETE_KINDS] : undefined;
  const target = kind?.find(params);
  if (!kind || !target) throw data(null, { status: 404 });
  return { kind, target };
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { kind, target } = requireTarget(request, params);
  authorize(context, request, 'record.delete', {
    projectId: target.projectId ?? undefined,
  });
  return { target, effects: kind.effects(target) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { kind, target } = requireTarget(request, params);
  const user = authorize(context, request, 'record.delete', {
    projectId: target.projectId ?? undefined,
  });
  const submission = parseWithZod(await request.formData(), { schema: deleteSchema });
  if (submission.status !== 'success') {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const outcome = kind.remove(target, submission.value.version, {
    at: now(),
    actor: actorOf(user),
  });
  if (!outcome.ok && outcome.reason === 'not-found') throw data(null, { status: 404 });
  if (!outcome.ok) {
    // Changed since the page was shown: show what it affects now and ask again.
    return data(
      { result: submission.reply({ formErrors: ['form.error.staleRecord'], resetForm: true }) },
      { status: 409 },
    );
  }
  const done = target.doneTo.includes('#')
    ? target.doneTo.replace('#', `?deleted=${encodeURIComponent(target.label)}#`)
    : `${target.doneTo}?deleted=${encodeURIComponent(target.label)}`;
  return redirectAfterSave(request, done);
}

export default function DeleteRecord({ loaderData, actionData }: Route.ComponentProps) {
  const { target, effects } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const [form, fields] = useEntryForm(deleteSchema, { lastResult: actionData?.result });
  const title = t('deleteRecord.title', { name: target.label });
  return (
    <>
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p>{t('deleteRecord.lead')}</p>
      <section aria-labelledby="effects">
        <h2 id="effects">{t('deleteRecord.affects')}</h2>
        {effects.length ? (
          <ul>
            {effects.map((effect) => (
              <li key={effect.key}>
                {t(effect.key as 'deleteRecord.nothingElse', effect.values ?? {})}
                {effect.records?.length ? (
                  <ul>
                    {effect.records.map((r) => (
                      <li key={r.to}>
                        <AppLink to={to(r.to)}>{r.label}</AppLink>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('deleteRecord.nothingElse')}</p>
        )}
      </section>
      <EntryForm
        form={form}
        version={target.version}
        submitLabel={t('deleteRecord.confirm')}
        cancelTo={to(target.backTo)}
        danger
      >
        <div className="form-field form-field--check">
          <input {...getInputProps(fields.confirm, { type: 'checkbox', value: 'yes' })} />
          <label htmlFor={fields.confirm.id}>{t('deleteRecord.confirmLabel')}</label>
          <FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
        </div>
      </EntryForm>
    </>
  );
}
