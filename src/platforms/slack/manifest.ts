/**
 * The Slack app manifest that creates Paperboy's app in one paste (api.slack.com/apps →
 * Create New App → From a manifest). JSON and YAML are both accepted there.
 * @see https://docs.slack.dev/reference/app-manifest
 */

/** Bot scopes and why each is needed. */
export const BOT_SCOPES = {
  commands: 'the /papers slash command',
  'chat:write': 'posting digests in channels Paperboy was invited to',
  'channels:read': 'checking on subscribe that Paperboy is in a public channel',
  'groups:read': 'the same for private channels',
  'channels:history': 'finding its own digests after a restart (no double posts), public channels',
  'groups:history': 'the same for private channels',
  'users:read': 'SLACK_MANAGERS=admins: checking whether someone is a workspace admin or owner',
} as const;

export type ManifestMode = 'socket' | 'http';

export interface ManifestOptions {
  mode: ManifestMode;
  /** HTTP mode: the public base URL (`https://paperboy.example.com`); `/slack/events` is added. */
  url?: string;
  /** App and bot display name (default Paperboy). */
  name?: string;
  /** The slash command (default /papers). */
  command?: string;
}

export type Manifest = Record<string, unknown>;

/** The request URL for events, commands and interactivity: `<base>/slack/events`. */
export function requestUrl(base: string): string {
  const url = new URL(base);
  if (url.protocol !== 'https:') throw new Error('Slack needs an https:// request URL.');
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/slack/events') ? path : `${path}/slack/events`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

export function buildManifest(options: ManifestOptions): Manifest {
  const name = options.name ?? 'Paperboy';
  const command = options.command ?? '/papers';
  let url: string | undefined;
  if (options.mode === 'http') {
    if (!options.url)
      throw new Error('HTTP mode needs the public URL of Paperboy (--url https://…).');
    url = requestUrl(options.url);
  }
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: "The day's research papers from Hugging Face Daily Papers",
      long_description:
        "Paperboy posts the Hugging Face Daily Papers digest to the channels that subscribe (all papers or only your topics, at the time you choose) and answers /papers: search every paper it has seen, show the week's top papers, look up a paper by arXiv id and share it. Type /papers help to start.",
      background_color: '#1d3557',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: [
        {
          command,
          ...(url ? { url } : {}),
          description: 'Search, subscribe to and configure daily paper digests',
          usage_hint: 'search "speculative decoding" · subscribe [topic] · settings · help',
          should_escape: false,
        },
      ],
    },
    oauth_config: { scopes: { bot: Object.keys(BOT_SCOPES) } },
    settings: {
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: options.mode === 'socket',
      token_rotation_enabled: false,
    },
  };
}

const PLAIN_KEY = /^[A-Za-z_][\w-]*$/;

/** Scalars are JSON-quoted when YAML could misread them (colons, quotes, `#`, booleans …). */
function scalar(value: unknown): string {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  const text = String(value);
  return /^[A-Za-z][\w ./-]*$/.test(text) && !/^(true|false|yes|no|on|off|null)$/i.test(text)
    ? text
    : JSON.stringify(text);
}

/** A small YAML writer for the manifest's shape (objects, arrays, scalars). */
export function toYaml(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        if (item !== null && typeof item === 'object') {
          const body = toYaml(item, indent + 2).trimStart();
          return `${pad}- ${body}`;
        }
        return `${pad}- ${scalar(item)}\n`;
      })
      .join('');
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, v]) => {
        const k = PLAIN_KEY.test(key) ? key : JSON.stringify(key);
        if (v !== null && typeof v === 'object') {
          const empty = Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
          return empty
            ? `${pad}${k}: ${Array.isArray(v) ? '[]' : '{}'}\n`
            : `${pad}${k}:\n${toYaml(v, indent + 2)}`;
        }
        return `${pad}${k}: ${scalar(v)}\n`;
      })
      .join('');
  }
  return `${pad}${scalar(value)}\n`;
}

export function formatManifest(manifest: Manifest, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(manifest, null, 2)}\n` : toYaml(manifest);
}
