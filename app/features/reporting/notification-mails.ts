import { createTranslator } from '../../core/i18n/translator';
import { INTL_LOCALE } from '../../core/i18n/config';
import { resources } from '../../core/i18n/resources';
import { formatPartialDate } from '../../core/format';
import type { HubLanguage, NotificationKind } from '../../../db/vocabulary';

// What each notification says, in the recipient's language: a subject, a plain-text body and the
// same as HTML (every value escaped), with the link to the report and the link that stops reminders.

export interface NotificationFacts {
  kind: NotificationKind;
  language: HubLanguage;
  recipientName: string;
  project: string;
  round: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  /** Days from the sending day to the due date (reminders). */
  daysLeft: number;
  reportUrl: string;
  unsubscribeUrl: string;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

type Translate = (key: string, options?: Record<string, unknown>) => string;
const translators = new Map<HubLanguage, Translate>();

/** The mail texts of one language (the browser's small translator: no i18next instance needed). */
function translatorOf(language: HubLanguage): Translate {
  let t = translators.get(language);
  if (!t) {
    t = createTranslator(
      language,
      resources[language].translation as unknown as Parameters<typeof createTranslator>[1],
      (_, __, key) => {
        throw new Error(`No mail text ${key} in ${language}`);
      },
    ).getFixedT(language) as unknown as Translate;
    translators.set(language, t);
  }
  return t;
}

export function composeNotificationMail(facts: NotificationFacts): ComposedMail {
  const t = translatorOf(facts.language);
  const day = (value: string) => formatPartialDate(value, 'day', INTL_LOCALE[facts.language])!;
  const values = {
    project: facts.project,
    round: facts.round,
    periodStart: day(facts.periodStart),
    periodEnd: day(facts.periodEnd),
    dueOn: day(facts.dueOn),
    count: facts.daysLeft,
  };
  const key = `mail.kind.${facts.kind}`;
  const subject = t(`${key}.subject`, values);
  const body = t(`${key}.body`, values);
  const greeting = t('mail.greeting', { name: facts.recipientName });
  const openReport = t('mail.openReport');
  const signature = t('mail.signature');
  const text = [
    greeting,
    '',
    body,
    '',
    `${openReport}: ${facts.reportUrl}`,
    '',
    '-- ',
    signature,
    '',
    t('mail.unsubscribeNote'),
    facts.unsubscribeUrl,
    '',
  ].join('\n');
  const lang = facts.language === 'zh' ? 'zh-Hans' : facts.language;
  const html = [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(body)}</p>`,
    `<p><a href="${escapeHtml(facts.reportUrl)}">${escapeHtml(openReport)}</a></p>`,
    `<p>${escapeHtml(signature)}</p>`,
    `<p style="font-size: 0.85em; color: #555">${escapeHtml(t('mail.unsubscribeNote'))} ` +
      `<a href="${escapeHtml(facts.unsubscribeUrl)}">${escapeHtml(t('mail.unsubscribeLink'))}</a></p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}
