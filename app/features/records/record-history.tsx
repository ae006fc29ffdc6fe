import { useFormat, useTranslation } from '../../core/i18n/hooks';
import type { AuditAction, AuditEntity } from '../../../db/vocabulary';
import { type ValueReaders, ownFieldLabel, readableValue } from './history-values';

export interface HistoryEntry {
  id: number;
  at: string;
  userName: string;
  action: AuditAction;
  entity: AuditEntity;
  label: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  sourceUrl: string | null;
}

/** Audit entries, newest first, each with a before/after table of its fields. */
export function RecordHistory({ entries }: { entries: HistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (!entries.length) return <p>{t('history.none')}</p>;
  const readers: ValueReaders = {
    label: (key) => (i18n.exists(key) ? t(key as 'history.yes') : null),
    date: (value, precision) => format.date(value, precision) ?? value,
    dateTime: format.dateTime,
    eur: format.eur,
    country: format.country,
    yes: t('history.yes'),
    no: t('history.no'),
  };
  const show = (entry: HistoryEntry, field: string, value: unknown) =>
    readableValue(entry.entity, field, value, readers) ?? t('history.empty');
  const fieldLabel = (entity: AuditEntity, field: string) =>
    ownFieldLabel(entity, field, readers.label) ??
    (i18n.exists(`historyField.${field}`)
      ? t(`historyField.${field}` as 'historyField.title')
      : field);
  // An account event reads "Signed in: account “…”"; a failed sign-in for an email without an
  // account names no email (what was typed is not kept).
  const heading = (entry: HistoryEntry) => {
    const action = t(`history.action.${entry.action}`);
    if (entry.entity !== 'account') {
      return t('history.entry', {
        action,
        entity: t(`history.entity.${entry.entity}`),
        label: entry.label,
      });
    }
    return entry.label
      ? t('history.accountEntry', { action, label: entry.label })
      : t('history.accountEntryUnknown', { action });
  };
  return (
    <ol className="record-history">
      {entries.map((entry) => (
        <li key={entry.id} id={`change-${entry.id}`}>
          <h2 className="record-history__head">{heading(entry)}</h2>
          <p className="muted">
            <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> ·{' '}
            {t('history.by', { name: entry.userName })}
            {entry.sourceUrl ? (
              <>
                {' '}
                · {t('history.source')}: <a href={entry.sourceUrl}>{entry.sourceUrl}</a>
              </>
            ) : null}
          </p>
          {Object.keys(entry.changes).length ? (
            <table className="record-history__changes">
              <thead>
                <tr>
                  <th scope="col">{t('history.field')}</th>
                  <th scope="col">{t('history.before')}</th>
                  <th scope="col">{t('history.after')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(entry.changes).map(([field, change]) => (
                  <tr key={field}>
                    <th scope="row">{fieldLabel(entry.entity, field)}</th>
                    <td>{show(entry, field, change.from)}</td>
                    <td>{show(entry, field, change.to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
