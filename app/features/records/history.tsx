import { data } from 'react-router';

import { type HistoryScope, listRecordHistory } from './history.server';
import { type RecordKind, getRecordRef } from '../../core/records.server';
import { PageTitle } from '../../core/ui/page-title';
import { RecordHistory } from './record-history';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import type { Route } from './+types/history';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';
import { userContext } from '../../core/http/session.server';
import { canReadEntry } from '../../core/auth/visibility';
import { getEntryRef } from '../knowledge/knowledge-writes.server';

// One history page for projects (with their milestones, progress updates and links), events and
// organisations (with the projects they were linked to or unlinked from).

const SECTIONS: Record<string, RecordKind> = {
  projects: 'project',
  events: 'event',
  organisations: 'organisation',
};

export const handle = SERVER_ONLY_PAGE;

export function loader({ request, params, context }: Route.LoaderArgs) {
  const section = new URL(request.url).pathname.replace(/^\/(zh|de)(?=\/)/, '').split('/')[1];
  if (section === 'knowledge') {
    // A knowledge entry's history is for those who may read the entry (a draft's: its author's
    // and the hub team's); to anyone else it does not exist.
    const entry = getEntryRef(params.slug);
    if (!entry || !canReadEntry(context.get(userContext), entry)) {
      throw data(null, { status: 404 });
    }
    return {
      record: { label: entry.label, to: `/knowledge/${entry.slug}` },
      entries: listRecordHistory({ entity: 'knowledge-entry', id: entry.id }),
    };
  }
  const kind = SECTIONS[section ?? ''];
  const record = kind ? getRecordRef(kind, params.slug) : undefined;
  if (!kind || !record) throw data(null, { status: 404 });
  const scope: HistoryScope =
    kind === 'project'
      ? { project: record.id }
      : kind === 'organisation'
        ? { entity: 'organisation', id: record.id, alsoLinks: 'project-organisation' }
        : { entity: 'event', id: record.id };
  return {
    record: { label: record.label, to: `/${section}/${record.slug}` },
    entries: listRecordHistory(scope),
  };
}

export default function History({ loaderData }: Route.ComponentProps) {
  const { record, entries } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const title = t('history.title', { name: record.label });
  return (
    <>
      <PageTitle title={title} />
      <p className="breadcrumb">
        <AppLink to={to(record.to)}>{record.label}</AppLink> /
      </p>
      <h1>{title}</h1>
      <p>{t('history.lead')}</p>
      <RecordHistory entries={entries} />
    </>
  );
}
