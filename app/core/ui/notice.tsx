import type { ReactNode } from 'react';

/** Says that what the person just did was done; read out by screen readers as it appears. */
export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <p className="notice notice--success" role="status">
      {children}
    </p>
  );
}
