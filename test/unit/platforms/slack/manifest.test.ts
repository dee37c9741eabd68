import { describe, expect, it } from 'vitest';
import {
  BOT_SCOPES,
  buildManifest,
  formatManifest,
  requestUrl,
  toYaml,
} from '../../../../src/platforms/slack/manifest.js';

describe('Slack app manifest', () => {
  it('asks for exactly the scopes Paperboy uses', () => {
    expect(Object.keys(BOT_SCOPES)).toEqual([
      'commands',
      'chat:write',
      'channels:read',
      'groups:read',
      'channels:history',
      'groups:history',
      'users:read',
    ]);
  });

  it('keeps the display texts within what the manifest editor accepts', () => {
    const m = buildManifest({ mode: 'socket' }) as {
      display_information: { description: string; long_description: string };
    };
    // Slack refuses a long_description under 174 characters (docs.slack.dev/reference/app-manifest).
    expect(m.display_information.long_description.length).toBeGreaterThanOrEqual(174);
    expect(m.display_information.long_description.length).toBeLessThanOrEqual(4_000);
    expect(m.display_information.description.length).toBeLessThanOrEqual(140);
  });

  it('enables Socket Mode and leaves out request URLs in socket mode', () => {
    const m = buildManifest({ mode: 'socket' }) as {
      features: { slash_commands: Array<Record<string, unknown>> };
      settings: Record<string, unknown>;
    };
    expect(m.settings).toMatchObject({
      socket_mode_enabled: true,
      interactivity: { is_enabled: true },
    });
    expect(m.features.slash_commands[0]).toMatchObject({
      command: '/papers',
      should_escape: false,
    });
    expect(JSON.stringify(m)).not.toContain('url"');
  });

  it('points the command and interactivity at <url>/slack/events in HTTP mode', () => {
    const m = buildManifest({ mode: 'http', url: 'https://paperboy.example.com/' }) as {
      features: { slash_commands: Array<Record<string, unknown>> };
      settings: Record<string, unknown>;
    };
    expect(m.features.slash_commands[0]?.url).toBe('https://paperboy.example.com/slack/events');
    expect(m.settings).toMatchObject({
      socket_mode_enabled: false,
      interactivity: { request_url: 'https://paperboy.example.com/slack/events' },
    });
    expect(requestUrl('https://x.example/bot/slack/events')).toBe(
      'https://x.example/bot/slack/events',
    );
    expect(() => buildManifest({ mode: 'http' })).toThrow(/--url/);
    expect(() => requestUrl('http://x.example')).toThrow(/https/);
  });

  it('prints JSON that parses back, and YAML in the manifest editor’s shape', () => {
    const m = buildManifest({ mode: 'http', url: 'https://p.example' });
    expect(JSON.parse(formatManifest(m, 'json'))).toEqual(m);
    const yaml = formatManifest(m, 'yaml');
    expect(yaml).toContain(
      'features:\n  bot_user:\n    display_name: Paperboy\n    always_online: true\n  slash_commands:\n    - command: "/papers"\n      url: "https://p.example/slack/events"\n',
    );
    expect(yaml).toContain(
      'oauth_config:\n  scopes:\n    bot:\n      - commands\n      - "chat:write"\n',
    );
    expect(yaml).toContain('  socket_mode_enabled: false\n');
    expect(toYaml({ a: 'yes', b: 'x: y', c: [] })).toBe('a: "yes"\nb: "x: y"\nc: []\n');
  });
});
