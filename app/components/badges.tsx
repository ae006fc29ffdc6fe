import {
  PROJECT_STATUS_LABELS,
  PROJECT_TYPE_LABELS,
  type ProjectStatus,
  type ProjectType,
} from '../lib/vocabulary';

export function StatusBadge({ status, basis }: { status: ProjectStatus; basis?: string }) {
  return (
    <span className={`badge badge--status-${status}`} title={basis}>
      {PROJECT_STATUS_LABELS[status]}
    </span>
  );
}

export function TypeBadge({ type }: { type: ProjectType }) {
  return <span className={`badge badge--type-${type}`}>{PROJECT_TYPE_LABELS[type]}</span>;
}
