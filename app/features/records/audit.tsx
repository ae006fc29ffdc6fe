import { Form, data } from 'react-router';
import { z } from 'zod';

import { listAuditAuthors, listAuditLog } from './history.server';
import { PageTitle } from '../../core/ui/page-title';
import { Pagination } from '../../core/ui/pagination';
import { RecordHistory } from './record-history';
import { authorize } from '../../core/auth/authorize.server';
import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { isValidIsoDay } from '../../../db/dates';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../../../db/vocabulary';
import type { Route } from './+types/audit';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';

// The whole audit log for admins: every write, filterable by kind of record, action, person and
// period, newest first.

const AUDIT_PAGE_SIZE = 50;

const day = z.string().refine(isValidIsoDay, 'audit.error.day');
const FilterSchema = z.object({
  entity: z.enum(AUDIT_ENTITIES, 'audit.error.choose').optional(),
  action: z.enum(AUDIT_ACTIONS, 'audit.error.choose').optional(),
  user: z.coerce.number('audit.error.choose').int().positive('audit.error.choose').optional(),
  from: day.optional(),
  to: day.optional(),
  page: z.coerce
    .number('audit.error.page')
    .int()
    .min(1, 'audit.error.page')
    .max(100_000)
    .optional(),
});

type FilterField = keyof z.infer<typeof FilterSchema>;

export const handle = SERVER_ONLY_PAGE;

export function loader({ request, context }: Route.LoaderArgs) {
  authorize(context, request, 'audit-log.read');
  const search = new URL(request.url).searchParams;
  const raw = Object.fromEntries(
    [...search.entries()].filter(([k, v]) => v !== '' && k in FilterSchema.shape),
  );
  const parsed = FilterSchema.safeParse(raw);
  const errors: Partial<Record<FilterField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path[0] as FilterField] = issue.message;
  }
  const filter = parsed.success ? parsed.data : {};
  const page = filter.page ?? 1;
  const { total, entries } = listAuditLog(
    {
      entity: filter.entity,
      action: filter.action,
      userId: filter.user,
      from: filter.from,
      to: filter.to,
    },
    { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE },
  );
  const body = {
    values: Object.fromEntries(
      (['entity', 'action', 'user', 'from', 'to'] as const).map((k) => [k, search.get(k) ?? '']),
    ) as Record<Exclude<FilterField, 'page'>, string>,
    errors,
    authors: listAuditAuthors(),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    entries,
  };
  return data(body, { status: parsed.success ? 200 : 400 });
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const { values, errors, authors, total, page, pageCount, entries } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const errorOf = (field: FilterField) =>
    errors[field] ? (
      <p className="form-field__error" id={`audit-${field}-error`} role="alert">
        {t(errors[field] as 'audit.error.choose')}
      </p>
    ) : null;
  const described = (field: FilterField) =>
    errors[field] ? { 'aria-describedby': `audit-${field}-error`, 'aria-invalid': true } : {};
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(
      (Object.entries(values) as [string, string][]).filter(([, v]) => v !== ''),
    );
    if (p > 1) params.set('page', String(p));
    const query = params.toString();
    return to(`/admin/audit${query ? `?${query}` : ''}`);
  };
  return (
    <>
      <PageTitle title={t('audit.title')} />
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.lead')}</p>
      <Form method="get" className="view-form">
        <div className="form-field">
          <label htmlFor="audit-entity">{t('audit.entity')}</label>
          <select
            id="audit-entity"
            name="entity"
            defaultValue={values.entity}
            {...described('entity')}
          >
            <option value="">{t('audit.all')}</option>
            {AUDIT_ENTITIES.map((e) => (
              <option key={e} value={e}>
                {t(`history.entity.${e}`)}
              </option>
            ))}
          </select>
          {errorOf('entity')}
        </div>
        <div className="form-field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select
            id="audit-action"
            name="action"
            defaultValue={values.action}
            {...described('action')}
          >
            <option value="">{t('audit.all')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`history.action.${a}`)}
              </option>
            ))}
          </select>
          {errorOf('action')}
        </div>
        <div className="form-field">
          <label htmlFor="audit-user">{t('audit.user')}</label>
          <select id="audit-user" name="user" defaultValue={values.user} {...described('user')}>
            <option value="">{t('audit.all')}</option>
            {authors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.email})
              </option>
            ))}
          </select>
          {errorOf('user')}
        </div>
        <div className="form-field">
          <label htmlFor="audit-from">{t('audit.from')}</label>
          <input
            id="audit-from"
            name="from"
            type="date"
            defaultValue={values.from}
            {...described('from')}
          />
          {errorOf('from')}
        </div>
        <div className="form-field">
          <label htmlFor="audit-to">{t('audit.to')}</label>
          <input
            id="audit-to"
            name="to"
            type="date"
            defaultValue={values.to}
            {...described('to')}
          />
          {errorOf('to')}
        </div>
        <p>
          <button type="submit">{t('audit.apply')}</button>{' '}
          <AppLink to={to('/admin/audit')}>{t('audit.reset')}</AppLink>
        </p>
      </Form>
      <p role="status">{t('audit.count', { count: total, n: format.count(total) })}</p>
      <RecordHistory entries={entries} />
      <Pagination page={page} pageCount={pageCount} hrefFor={hrefFor} />
    </>
  );
}
