import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * After a client-side navigation to another page, puts the focus on the main content. A full
 * page load starts keyboard and screen-reader users at the top; a client-side one would leave
 * the focus on the link that was pressed — gone with the old page, so the next Tab starts
 * anywhere. Only a new path moves it: a filter, a sort or a page of the same view keeps the
 * focus on the control that changed it.
 */
export function useFocusMainOnNavigation() {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    // ScrollRestoration decides the scroll position (top, or where the reader was on Back).
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
}
