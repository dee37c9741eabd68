import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/schema.js';

/** A config for tests: in-memory database, loopback only, quiet logs; override any env key. */
export function makeTestConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    PAPERBOY_DB_PATH: ':memory:',
    HF_API_BASE_URL: 'http://127.0.0.1:9',
    HF_TIMEOUT_MS: '2000',
    HF_MAX_ATTEMPTS: '3',
    HF_RETRY_BASE_MS: '1',
    INGEST_ON_START: 'false',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    ...env,
  });
}
