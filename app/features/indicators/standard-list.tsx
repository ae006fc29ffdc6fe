import { listStandardIndicators } from './indicators.server';
import { PageTitle } from '../../core/ui/page-title';
import { userContext } from '../../core/http/session.server';
import { useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { isAllowed } from '../../core/auth/permissions';
import type { Route } from './+types/standard-list';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';
import { DataTable } from '../../core/ui/data-table';
import { NotPublished } from '../../core/ui/not-published';
import { HTML_LANG } from '../../core/i18n/config';

// The portfolio's standard indicators, public: each with its code, names in the three languages
// ("not published" where a language has none), unit, whether sums are allowed, definition and
// the page that publishes it. The hub team sees the links to add and edit them.

export const handle = SERVER_ONLY_PAGE;

export function loader({ context }: Route.LoaderArgs) {
  return {
    standards: listStandardIndicators().map(
      ({
        id,
        code,
        title,
        titleZh,
        titleDe,
        unit,
        isAdditive,
        definition,
        sourceUrl,
        sourceTitle,
      }) => ({
        id,
        code,
        title,
        titleZh,
        titleDe,
        unit,
        isAdditive,
        definition,
        sourceUrl,
        sourceTitle,
      }),
    ),
    canEdit: isAllowed('editors', context.get(userContext)),
  };
}

export default function StandardIndicators({ loaderData }: Route.ComponentProps) {
  const { standards, canEdit } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const title = t('indicatorEditing.standardTitle');
  // The page's own language first, then the other two.
  const order = [lang, ...(['en', 'zh', 'de'] as const).filter((l) => l !== lang)];
  const nameColumn = {
    en: t('indicatorEditing.titleEnStandard'),
    zh: t('indicatorEditing.titleZhStandard'),
    de: t('indicatorEditing.titleDeStandard'),
  };
  return (
    <>
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p>{t('indicatorEditing.standardLead')}</p>
      {canEdit ? (
        <p>
          <AppLink to={to('/indicators/standard/new')}>{t('indicatorEditing.addStandard')}</AppLink>
        </p>
      ) : null}
      {standards.length === 0 ? (
        <p>{t('indicatorEditing.standardNone')}</p>
      ) : (
        <DataTable
          label={title}
          className="standard-table"
          columns={[
            t('indicatorEditing.code'),
            ...order.map((l) => nameColumn[l]),
            t('indicatorEditing.unit'),
            t('indicatorEditing.additive'),
            t('indicatorEditing.definition'),
            t('indicatorEditing.source'),
            ...(canEdit ? [t('edit.actions')] : []),
          ]}
        >
          {standards.map((s) => {
            const names = { en: s.title, zh: s.titleZh, de: s.titleDe };
            return (
              <tr key={s.id} id={`standard-${s.id}`}>
                <th scope="row">{s.code}</th>
                {order.map((l) => (
                  <td key={l} lang={names[l] ? HTML_LANG[l] : undefined}>
                    {names[l] ?? <NotPublished />}
                  </td>
                ))}
                <td className="standard-table__unit">
                  {s.unit ? t(`indicators.unitNames.${s.unit}`) : <NotPublished />}
                </td>
                <td>{s.isAdditive ? t('indicatorEditing.yes') : t('indicatorEditing.no')}</td>
                <td className="standard-table__definition">{s.definition ?? <NotPublished />}</td>
                <td>
                  {s.sourceUrl ? (
                    <a href={s.sourceUrl} rel="noopener noreferrer">
                      {s.sourceTitle ?? s.sourceUrl}
                    </a>
                  ) : (
                    <NotPublished />
                  )}
                </td>
                {canEdit ? (
                  <td>
                    <AppLink to={to(`/indicators/standard/${s.id}/edit`)}>
                      {t('edit.edit')}
                      <span className="visually-hidden"> {s.code}</span>
                    </AppLink>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </DataTable>
      )}
    </>
  );
}
