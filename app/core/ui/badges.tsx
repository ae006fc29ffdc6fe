import type { ProjectStatus, ProjectType } from '../../../db/vocabulary';
import { useTranslation } from '../i18n/hooks';

export function StatusBadge({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--status-${status}`}>{t(`status.${status}`)}</span>;
}

export function TypeBadge({ type }: { type: ProjectType }) {
  const { t } = useTranslation();
  return <span className={`badge badge--type-${type}`}>{t(`type.${type}`)}</span>;
}
