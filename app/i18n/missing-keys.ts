/** Every key asked for but not translated is logged; the browser tests fail on any such line. */
export function reportMissingKey(languages: readonly string[], namespace: string, key: string) {
  console.error(`[i18n] missing key "${namespace}:${key}" for ${languages.join(', ')}`);
}
