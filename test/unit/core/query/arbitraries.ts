import fc from 'fast-check';

/** Pieces of query syntax, valid and not, that people (and FTS5) could trip on. */
const SYNTAX = [
  '"',
  '(',
  ')',
  '*',
  '-',
  'OR',
  'AND',
  'NOT',
  'NEAR',
  ':',
  '^',
  '+',
  '{',
  '}',
  ',',
  'NEAR/2',
];
const EMOJI = ['🚀', '🤖', '😀', '✨', '👩‍🔬', '🇫🇷'];
/** A small vocabulary so random documents and queries share words (and prefixes). */
export const VOCAB = [
  'alpha',
  'alp',
  'alphabet',
  'beta',
  'gamma',
  'Gämma',
  'delta',
  'x1',
  '4o',
  'GPT',
  'or',
  'not',
];

const word = fc.constantFrom(...VOCAB);
const piece = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 3, arbitrary: fc.constantFrom(...SYNTAX) },
  { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 1, arbitrary: word.map((w) => `${w}*`) },
  { weight: 1, arbitrary: word.map((w) => `-${w}`) },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`) },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `${a}-${b}`) },
);

/** Query-like strings built from words, operators, quotes, brackets and emoji. */
export const grammarQuery = fc
  .array(fc.tuple(piece, fc.constantFrom(' ', ' ', '', '  ')), { maxLength: 12 })
  .map((parts) => parts.map(([p, sep]) => p + sep).join(''));

/** Anything at all a person could type. */
export const anyQuery = fc.oneof(
  grammarQuery,
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ maxLength: 60 }),
);

/** A short text from the vocabulary with assorted separators. */
export const vocabText = fc
  .array(fc.tuple(word, fc.constantFrom(' ', ' ', '-', ', ', '. ', ' ; ')), { maxLength: 8 })
  .map((parts) => parts.map(([w, sep]) => w + sep).join(''));
