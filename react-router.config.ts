import type { Config } from '@react-router/dev/config';

export default {
  ssr: true,
  // remix-i18next runs as middleware: one i18next instance per request, in the URL's language.
  future: { v8_middleware: true },
} satisfies Config;
