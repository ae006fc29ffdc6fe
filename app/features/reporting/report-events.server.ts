// What happens after a reporting round or a report changes state, once the change is committed:
// the writes call reportingChanged(); listeners (the mail notifications) follow. In-process only:
// each server process notifies for the changes it made, and the notifications table's unique key
// keeps a mail from going out twice whichever process (or the hourly pass) gets there first.

export type ReportingChange =
  | { kind: 'round-state'; roundId: number; state: 'draft' | 'open' | 'closed' }
  | {
      kind: 'report-state';
      reportId: number;
      state: 'not-started' | 'draft' | 'submitted' | 'returned' | 'approved';
    };

type Listener = (change: ReportingChange) => void;

const listeners = new Set<Listener>();

/** Follows every committed state change; returns how to stop following. */
export function onReportingChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners, after the transaction committed. A listener's failure never fails the write. */
export function reportingChanged(change: ReportingChange): void {
  for (const listener of listeners) {
    try {
      listener(change);
    } catch (error) {
      console.error('A reporting listener failed:', error);
    }
  }
}
