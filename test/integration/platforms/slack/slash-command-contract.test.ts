import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type SlashCommandFields,
  slackSignatureHeaders,
  slashCommandBody,
} from '../../../fakes/fake-slack-socket.js';
import { REPO_ROOT } from '../../../helpers/build.js';
import { type SlackWorld, blocksText, createSlackWorld } from './slack-world.js';

/** Slack's documented slash command body (Bolt's own test), kept outside the project. */
const FIXTURE = join(
  REPO_ROOT,
  '../shared/fixtures/platform-payloads/slack-slash-command.bolt-js-test.form.txt',
);
const present = existsSync(FIXTURE);

let world: SlackWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe.skipIf(!present)('contract: the slash command body Slack sends', () => {
  const body = present ? readFileSync(FIXTURE, 'utf8') : '';

  it('is what the stand-in builds, byte for byte', () => {
    const fields = Object.fromEntries(new URLSearchParams(body)) as unknown as SlashCommandFields;
    expect(slashCommandBody(fields)).toBe(body);
  });

  it('is accepted by the adapter when signed, with only the response_url pointed at loopback', async () => {
    world = await createSlackWorld({ mode: 'http' });
    const params = new URLSearchParams(body);
    const responseUrl = world.api.responseUrl();
    params.set('response_url', responseUrl);
    params.set('command', '/papers');
    const signed = params.toString();
    const res = await fetch(world.eventsUrl, {
      method: 'POST',
      headers: slackSignatureHeaders(world.signingSecret, signed),
      body: signed,
    });
    expect(res.status).toBe(200);
    const reply = await world.api.waitFor(
      (r) => r.method === 'respond' && responseUrl.endsWith(r.path),
    );
    expect(blocksText(reply.args)).toContain('/papers search');

    const charset = await fetch(world.eventsUrl, {
      method: 'POST',
      headers: {
        ...slackSignatureHeaders(world.signingSecret, signed),
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
      },
      body: signed,
    });
    // Bolt recognises forms only by the exact content type Slack sends.
    expect(charset.status).toBe(400);
  });
});
