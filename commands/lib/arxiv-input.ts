import { ARXIV_ID_RE } from '../../src/core/paper.js';

export const NOT_AN_ARXIV_ID =
  'That is not an arXiv id. Use e.g. 2512.01234 or an arxiv.org / huggingface.co/papers link.';

const ID = String.raw`(\d{4}\.\d{4,5})(?:v\d+)?`;

/** The forms people paste: bare ids, `arXiv:` ids, arxiv.org abs/pdf links, HF paper links. */
const FORMS = [
  new RegExp(String.raw`^(?:arxiv:\s*)?${ID}$`, 'i'),
  new RegExp(
    String.raw`^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/${ID}(?:\.pdf)?/?(?:[?#].*)?$`,
    'i',
  ),
  new RegExp(
    String.raw`^(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/papers/${ID}/?(?:[?#].*)?$`,
    'i',
  ),
];

/**
 * The arXiv id (without version) in what someone typed: `2512.01234`, `arXiv:2512.01234v2`,
 * `https://arxiv.org/abs/2512.01234v3`, `https://arxiv.org/pdf/2512.01234`,
 * `https://huggingface.co/papers/2512.01234`. Null for anything else.
 */
export function parseArxivInput(input: string): string | null {
  const text = input.trim().replace(/^<([^|>]*)(?:\|[^>]*)?>$/, '$1'); // Slack sends <url|label>
  for (const form of FORMS) {
    const id = form.exec(text)?.[1];
    if (id && ARXIV_ID_RE.test(id)) return id;
  }
  return null;
}
