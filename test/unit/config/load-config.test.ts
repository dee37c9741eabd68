import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';
import { ENV_KEYS } from '../../../src/config/schema.js';
import { makeTestConfig } from '../../helpers/test-config.js';

describe('loadConfig', () => {
  it('fills every default from an empty environment', () => {
    const config = loadConfig({});
    expect(config.dbPath).toBe('./data/paperboy.db');
    expect(config.hf.baseUrl).toBe('https://huggingface.co');
    expect(config.hf.token).toBeUndefined();
    expect(config.http).toEqual({ host: '0.0.0.0', port: 3000 });
    expect(config.log.level).toBe('info');
    expect(config.ingest).toMatchObject({ timezone: 'UTC', lookbackDays: 7, onStart: true });
  });

  it('treats empty values as unset and strips a trailing slash from base URLs', () => {
    const config = loadConfig({
      PORT: '',
      HF_TOKEN: '  ',
      HF_API_BASE_URL: 'http://127.0.0.1:8080/',
    });
    expect(config.http.port).toBe(3000);
    expect(config.hf.token).toBeUndefined();
    expect(config.hf.baseUrl).toBe('http://127.0.0.1:8080');
  });

  it('lists every bad key in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        INGEST_TIMEZONE: 'Mars/Olympus',
        INGEST_CRON: '61 * * * *',
        HF_API_BASE_URL: 'ftp://example',
        INGEST_ON_START: 'maybe',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues.join('\n');
    for (const key of [
      'PORT',
      'LOG_LEVEL',
      'INGEST_TIMEZONE',
      'INGEST_CRON',
      'HF_API_BASE_URL',
      'INGEST_ON_START',
    ]) {
      expect(issues).toContain(key);
    }
    expect((error as ConfigError).message).toMatch(/^Invalid configuration/);
    expect((error as ConfigError).code).toBe('config.invalid');
  });

  it('reports rules across keys together with single-key errors', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'x', DISCORD_TOKEN: 'abc', SLACK_SIGNING_SECRET: 'shh' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).issues).toEqual([
      'PORT: must be a whole number from 0 to 65535 (got "x")',
      'DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set (to register the /papers command)',
      'SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set',
    ]);
  });

  it('never echoes a secret value in the error', () => {
    expect(() => loadConfig({ HF_TOKEN: 'hf_secret', PORT: 'x' })).toThrow(ConfigError);
    try {
      loadConfig({ HF_TOKEN: 'hf_secret', PORT: 'x', HF_MAX_ATTEMPTS: '0' });
    } catch (e) {
      expect((e as Error).message).not.toContain('hf_secret');
    }
  });

  it('keeps .env.example in step with the schema', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const keys = example
      .split('\n')
      .map((line) => /^#?\s*([A-Z][A-Z0-9_]+)=/.exec(line)?.[1])
      .filter((k): k is string => k !== undefined);
    expect([...new Set(keys)].sort()).toEqual([...ENV_KEYS].sort());
  });

  it('accepts every value written in .env.example', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const env = Object.fromEntries(
      example
        .split('\n')
        .filter((line) => /^[A-Z]/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('test configs point only at loopback', () => {
    const config = makeTestConfig();
    expect(new URL(config.hf.baseUrl).hostname).toBe('127.0.0.1');
    expect(config.http.host).toBe('127.0.0.1');
  });
});
