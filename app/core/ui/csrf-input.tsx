import { useRootData } from './root-data';

/** The hidden CSRF field every POST form carries (checked by the security middleware). */
export function CsrfInput() {
  return <input type="hidden" name="_csrf" value={useRootData()?.csrfToken ?? ''} />;
}
