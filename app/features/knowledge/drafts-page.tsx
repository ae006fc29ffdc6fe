import { data } from 'react-router';

import { requireUser } from '../../core/http/session.server';
import { isAllowed } from '../../core/auth/permissions';
import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { HTML_LANG } from '../../core/i18n/config';
import { AppLink } from '../../core/ui/app-link';
import { DataTable } from '../../core/ui/data-table';
import { SuccessNotice } from '../../core/ui/notice';
import { PageTitle } from '../../core/ui/page-title';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import type { Route } from './+types/drafts-page';
import { listDrafts } from './knowledge-entries.server';

// The drafts queue (/knowledge/drafts): a contributor's own unpublished entries; for the hub team
// also every entry waiting for review. Only contributors write entries, so only they have one.

export const handle = SERVER_ONLY_PAGE;

export function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  if (!isAllowed('contributors', user)) {
    throw data('Your account may not write entries.', { status: 403 });
  }
  const deleted = new URL(request.url).searchParams.get('deleted');
  return {
    entries: listDrafts(user).map(({ authorUserId, ...row }) => ({
      ...row,
      isOwn: authorUserId === user.id,
    })),
    deleted: deleted ? deleted.slice(0, 200) : null,
  };
}

export default function Drafts({ loaderData }: Route.ComponentProps) {
  const { entries, deleted } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const title = t('knowledge.drafts.title');
  return (
    <>
      <PageTitle title={title} />
      <p className="breadcrumb">
        <AppLink to={to('/knowledge')}>{t('knowledge.breadcrumb')}</AppLink> /
      </p>
      <h1 id="drafts">{title}</h1>
      {deleted ? (
        <SuccessNotice>{t('deleteRecord.deleted', { name: deleted })}</SuccessNotice>
      ) : null}
      <p>{t('knowledge.drafts.lead')}</p>
      <p>
        <AppLink to={to('/knowledge/new')}>{t('knowledge.drafts.write')}</AppLink>
      </p>
      {entries.length === 0 ? (
        <p>{t('knowledge.drafts.none')}</p>
      ) : (
        <DataTable
          labelledBy="drafts"
          columns={[
            t('knowledge.drafts.columns.title'),
            t('knowledge.drafts.columns.kind'),
            t('knowledge.drafts.columns.state'),
            t('knowledge.drafts.columns.author'),
            t('knowledge.drafts.columns.updated'),
          ]}
        >
          {entries.map((e) => (
            <tr key={e.slug}>
              <td>
                <AppLink to={to(`/knowledge/${e.slug}`)}>
                  <span lang={HTML_LANG[e.language]}>{e.title}</span>
                </AppLink>
              </td>
              <td>{t(`knowledge.kinds.${e.kind}`)}</td>
              <td>{t(`knowledge.states.${e.state}`)}</td>
              <td>{e.authorName}</td>
              <td>{format.dateTime(e.updatedAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
