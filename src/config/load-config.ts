import { AppError } from '../shared/errors.js';
import { type Config, envSchema } from './schema.js';

/** Raised when the environment is invalid; the message lists every bad key at once. */
export class ConfigError extends AppError {
  override readonly name = 'ConfigError';
  readonly issues: string[];

  constructor(issues: string[]) {
    super(
      'config.invalid',
      `Invalid configuration (fix these environment variables):\n${issues.map((i) => `  - ${i}`).join('\n')}`,
    );
    this.issues = issues;
  }
}

/**
 * Parses the environment into a Config. Pure: it reads only the object it is given. Empty strings
 * count as unset, so `PORT=` in a .env file falls back to the default instead of failing.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(environment)';
      const value = typeof issue.path[0] === 'string' ? cleaned[issue.path[0]] : undefined;
      const shown = value === undefined || /TOKEN|SECRET|KEY/.test(key) ? '' : ` (got "${value}")`;
      return `${key}: ${issue.message}${shown}`;
    }),
  );
}
