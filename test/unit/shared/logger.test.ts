import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { createLogger } from '../../../src/shared/logger.js';

const capture = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, lines: () => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
};

describe('logger', () => {
  it('writes JSON lines with ids in fields and child bindings', () => {
    const out = capture();
    const log = createLogger({ level: 'info', format: 'json', destination: out.stream }).child({ component: 'ingest' });
    log.info('ingest day done', { day: '2025-12-01', new: 3 });
    log.debug('hidden below the level');
    const [line] = out.lines();
    expect(out.lines()).toHaveLength(1);
    expect(line).toMatchObject({ msg: 'ingest day done', day: '2025-12-01', new: 3, component: 'ingest', level: 30 });
  });

  it('never writes a token or secret, even inside a logged config object', () => {
    const out = capture();
    const log = createLogger({ level: 'info', format: 'json', destination: out.stream });
    const config = loadConfig({ HF_TOKEN: 'hf_super_secret' });
    log.info('config', { config, token: 'abc123', headers: { authorization: 'Bearer hf_super_secret' } });
    log.info('nested', { deep: { hf: { token: 'hf_super_secret' } } });
    const text = JSON.stringify(out.lines());
    expect(text).not.toContain('hf_super_secret');
    expect(text).not.toContain('abc123');
    expect(text).toContain('[redacted]');
  });
});
