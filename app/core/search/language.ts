import lunr from 'lunr';
import de from 'lunr-languages/lunr.de.js';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';

import { FIELDS, type FieldName, type Lang } from './fields';
import { isHanToken } from './tokenize';

// How a token becomes an index term in each field's language: the one lunr pipeline function the
// index and the queries share, and the same steps for the snippets' highlighting.

// lunr-languages plugins extend the shared lunr object. Node caches lunr across re-imports of
// this module (vitest re-evaluates it per file), and registering twice logs a warning.
if (!('de' in lunr)) {
  stemmerSupport(lunr);
  de(lunr);
}

type Step = (token: lunr.Token, i: number, tokens: lunr.Token[]) => lunr.Token | null | undefined;

const STEPS: Record<Lang, Step[]> = {
  en: [lunr.trimmer, lunr.stopWordFilter, lunr.stemmer] as Step[],
  de: [lunr.de.trimmer, lunr.de.stopWordFilter, lunr.de.stemmer] as Step[],
  zh: [],
  raw: [],
};

/** A token through its language's trimmer, stop words and stemmer (undefined: dropped). */
export function runSteps(token: lunr.Token, lang: Lang, i = 0, tokens: lunr.Token[] = [token]) {
  let current: lunr.Token | null | undefined = token;
  for (const step of STEPS[lang]) {
    if (!current || current.toString() === '') return undefined;
    current = step(current, i, tokens);
  }
  return current && current.toString() !== '' ? current : undefined;
}

function fieldLang(token: lunr.Token): Lang {
  // lunr.Token's typings omit the metadata it carries.
  const fields = (token as unknown as { metadata?: { fields?: string[] } }).metadata?.fields;
  const field = fields?.[0];
  return field && field in FIELDS ? FIELDS[field as FieldName].lang : 'raw';
}

// The steps depend on the token's text and language alone, and an index repeats the same words
// thousands of times: each word goes through its language's stemmer once (indexTerm's memo).
export const languagePipeline: lunr.PipelineFunction = (token) => {
  const text = token.toString();
  if (isHanToken(text)) return token;
  const term = indexTerm(text, fieldLang(token));
  return term === undefined ? null : token.update(() => term);
};

const PIPELINE_LABEL = 'iki-field-language';
const registered = (lunr.Pipeline as unknown as { registeredFunctions: Record<string, unknown> })
  .registeredFunctions;
// On a re-evaluation (dev server reload) the label is taken: label this copy without re-registering,
// which would warn, and without a label lunr warns the function is unregistered.
if (PIPELINE_LABEL in registered) Object.assign(languagePipeline, { label: PIPELINE_LABEL });
else lunr.Pipeline.registerFunction(languagePipeline, PIPELINE_LABEL);

/** The index term a text token becomes in a field of the given language. */
export function indexTerm(token: string, lang: Lang): string | undefined {
  if (isHanToken(token)) return token;
  // The index and the snippets stem every word of their texts; a word stems the same way every time.
  const key = `${lang}:${token}`;
  if (STEMMED.has(key)) return STEMMED.get(key);
  const term = runSteps(new lunr.Token(token, {}), lang)?.toString();
  if (STEMMED.size >= 100_000) STEMMED.clear();
  STEMMED.set(key, term);
  return term;
}
const STEMMED = new Map<string, string | undefined>();
