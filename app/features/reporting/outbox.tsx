import { data } from 'react-router';
import { z } from 'zod';

import { authorize } from '../../core/auth/authorize.server';
import { env } from '../../core/env.server';
import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { listOutbox, readOutboxMail } from '../../core/mail/outbox.server';
import { outboxDirOf } from '../../core/mail/transport.server';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';
import { DataTable } from '../../core/ui/data-table';
import { PageTitle } from '../../core/ui/page-title';
import { Pagination } from '../../core/ui/pagination';
import type { Route } from './+types/outbox';

// The outbox for admins: the mails the default transport wrote as .eml files, newest first, and
// one of them (?mail=<file>) with its header fields and text. The HTML part is shown as its
// source, never rendered: it is the hub's own, but a page of the hub renders no mail.

const PAGE_SIZE = 50;
const PageSchema = z.coerce.number().int().min(1).max(1_000_000);

export const handle = SERVER_ONLY_PAGE;

export async function loader({ request, context }: Route.LoaderArgs) {
  authorize(context, request, 'outbox.read');
  const search = new URL(request.url).searchParams;
  const dir = outboxDirOf();
  const name = search.get('mail');
  if (name !== null) {
    const mail = await readOutboxMail(name, dir);
    if (!mail) throw data('There is no such mail in the outbox.', { status: 404 });
    const { headers: _, ...shown } = mail;
    const time = Date.parse(shown.date);
    shown.date = Number.isNaN(time) ? '' : new Date(time).toISOString();
    return { dir, isSmtp: env.SMTP_URL !== undefined, mail: shown, list: null };
  }
  const page = PageSchema.safeParse(search.get('page') ?? '1');
  if (!page.success) throw data('The page must be a whole number of at least 1.', { status: 400 });
  const { total, entries } = await listOutbox(
    { limit: PAGE_SIZE, offset: (page.data - 1) * PAGE_SIZE },
    dir,
  );
  return {
    dir,
    isSmtp: env.SMTP_URL !== undefined,
    mail: null,
    list: {
      total,
      entries,
      page: page.data,
      pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    },
  };
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const { dir, isSmtp, mail, list } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const title = t('mail.outbox.title');
  if (mail) {
    return (
      <>
        <PageTitle title={`${mail.subject} – ${title}`} />
        <p>
          <AppLink to={to('/admin/outbox')}>{t('mail.outbox.back')}</AppLink>
        </p>
        <h1>{mail.subject}</h1>
        <dl className="outbox-mail">
          <dt>{t('mail.outbox.date')}</dt>
          <dd>{mail.date ? format.dateTime(mail.date) : ''}</dd>
          <dt>{t('mail.outbox.from')}</dt>
          <dd>{mail.from}</dd>
          <dt>{t('mail.outbox.to')}</dt>
          <dd>{mail.to}</dd>
        </dl>
        <h2>{t('mail.outbox.text')}</h2>
        <pre className="outbox-mail__text">{mail.text}</pre>
        {mail.html ? (
          <details>
            <summary>{t('mail.outbox.htmlSource')}</summary>
            <pre className="outbox-mail__text">{mail.html}</pre>
          </details>
        ) : null}
      </>
    );
  }
  const { total, entries, page, pageCount } = list!;
  return (
    <>
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p>{t('mail.outbox.intro', { dir })}</p>
      {isSmtp ? <p>{t('mail.outbox.smtpNote')}</p> : null}
      {total === 0 ? (
        <p>{t('mail.outbox.empty')}</p>
      ) : (
        <>
          <p>{t('mail.outbox.count', { count: total })}</p>
          <DataTable
            label={title}
            columns={[t('mail.outbox.subject'), t('mail.outbox.to'), t('mail.outbox.date')]}
          >
            {entries.map((entry) => (
              <tr key={entry.name}>
                <td>
                  <AppLink to={to(`/admin/outbox?mail=${encodeURIComponent(entry.name)}`)}>
                    {entry.subject || entry.name}
                  </AppLink>
                </td>
                <td>{entry.to}</td>
                <td>{entry.date ? format.dateTime(entry.date) : ''}</td>
              </tr>
            ))}
          </DataTable>
          <Pagination
            page={page}
            pageCount={pageCount}
            hrefFor={(p) => to(`/admin/outbox?page=${p}`)}
          />
        </>
      )}
    </>
  );
}
