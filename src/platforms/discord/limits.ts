/**
 * Discord's message limits, as the API enforces them (a violation is `400 Invalid Form Body`,
 * code 50035). Lengths are counted in UTF-16 code units here, which is never less than what
 * Discord counts, so staying within them in JavaScript keeps a message valid.
 *
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * @see https://discord.com/developers/docs/resources/message#create-message
 * @see https://discord.com/developers/docs/components/reference#button
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  fieldsPerEmbed: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer text and author name of every embed. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  linkButtonUrl: 512,
  /** `nonce` of Create Message. */
  nonce: 25,
  /** Autocomplete: at most 25 choices, names 1–100 and values up to 100 characters. */
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Application commands: names, descriptions, options per level. */
  commandName: 32,
  commandDescription: 100,
  optionsPerLevel: 25,
} as const;

/** What Paperboy packs into one message: a little under the 6000 total, for safety. */
export const EMBED_BUDGET = DISCORD_LIMITS.embedTotal - 200;

/** Ephemeral: only the person who used the command sees the message (`1 << 6`). */
export const EPHEMERAL_FLAG = 64;
