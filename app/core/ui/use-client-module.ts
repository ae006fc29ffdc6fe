import { useEffect, useState } from 'react';

/**
 * Loads a browser-only module (Leaflet and friends touch `window`) after hydration.
 * Until it arrives the caller renders a fixed-size placeholder, so nothing jumps.
 */
export function useClientModule<T>(load: () => Promise<T>): T | null {
  const [module, setModule] = useState<T | null>(null);
  useEffect(() => {
    let active = true;
    void load().then((loaded) => {
      if (active) setModule(() => loaded);
    });
    return () => {
      active = false;
    };
    // `load` is a stable import thunk; loading once per mount is the point.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return module;
}
