import { INDICATOR_UNITS } from '../../../db/vocabulary';
import { oneOf, pattern } from '../../core/filter/param-rules';

// The parameters /api/indicators and /export/indicators.csv read beyond the shared filter. A
// well-formed code no standard indicator has selects nothing; it is no error.

export const INDICATOR_PARAMS = {
  standard: pattern(
    /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}$/u,
    'a standard indicator’s code, such as SI 1',
  ),
  unit: oneOf(INDICATOR_UNITS),
};
