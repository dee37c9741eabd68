import { z } from 'zod';
import { type Reply, callerReply } from '../src/core/reply.js';
import type { CommandDefinition, CommandDeps } from './command.js';
import { NOT_AN_ARXIV_ID, parseArxivInput } from './lib/arxiv-input.js';
import { requiredText } from './lib/options.js';
import { paperCardReply, shareReply, unknownPaperText } from './lib/papers.js';

const schema = z.object({
  id: requiredText({ label: 'the arXiv id or link', max: 300, example: '2512.01234' }),
});

type PaperInput = z.infer<typeof schema>;

function handle(input: PaperInput, _ctx: unknown, deps: CommandDeps): Reply {
  const id = parseArxivInput(input.id);
  if (!id) return callerReply([NOT_AN_ARXIV_ID]);
  const paper = deps.papers.getPaper(id);
  if (!paper) return callerReply([unknownPaperText(id)]);
  return paperCardReply('paper', paper);
}

const SHARE_RE = /^paper:share:(.{1,40})$/;

function action(actionId: string, _ctx: unknown, deps: CommandDeps): Reply {
  const id = SHARE_RE.exec(actionId)?.[1];
  return id
    ? shareReply(deps, id)
    : callerReply(['That button no longer works; run the command again.']);
}

export const paperCommand = {
  name: 'paper',
  description: 'Show one paper with its abstract and links (only you see it; Share posts it).',
  options: [
    {
      name: 'id',
      description: 'arXiv id or link, e.g. 2512.01234 or https://arxiv.org/abs/2512.01234',
      type: 'string',
      required: true,
      maxLength: 300,
    },
  ],
  schema,
  mutates: false,
  example: '/papers paper 2512.01234',
  handle,
  action,
} satisfies CommandDefinition<PaperInput>;
