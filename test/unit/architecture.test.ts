import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/build.js';

/**
 * The dependency table of the style guide, enforced: which project folders each folder may
 * import, and which outside packages are banned from the pure layers.
 */
const ALLOWED: Record<string, string[]> = {
  'src/shared': ['src/shared'],
  'src/core': ['src/core', 'src/shared'],
  'src/formatting': ['src/formatting', 'src/core', 'src/shared'],
  'src/sources': ['src/sources', 'src/core', 'src/shared'],
  'src/storage': ['src/storage', 'src/core', 'src/shared'],
  'src/scheduler': ['src/scheduler', 'src/core', 'src/shared'],
  'src/config': ['src/config', 'src/core', 'src/shared'],
  'src/http': ['src/http', 'src/core', 'src/shared'],
  commands: ['commands', 'src/core', 'src/formatting', 'src/shared'],
  'src/platforms/discord': ['src/platforms/discord', 'src/core', 'src/formatting', 'src/shared', 'commands', 'src/http', 'src/config'],
  'src/platforms/slack': ['src/platforms/slack', 'src/core', 'src/formatting', 'src/shared', 'commands', 'src/http', 'src/config'],
};
const PURE = ['src/core', 'src/formatting', 'commands'];
const BANNED_IN_PURE = /^(node:(fs|http|https|net|child_process)|better-sqlite3|discord\.js|@discordjs\/|@slack\/|node-cron|pino)/;

function filesUnder(dir: string): string[] {
  const abs = join(REPO_ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return filesUnder(relative(REPO_ROOT, path));
    return name.endsWith('.ts') ? [relative(REPO_ROOT, path)] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)]
    .concat([...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)])
    .map((m) => m[1] as string);
}

const folderOf = (file: string): string | undefined =>
  Object.keys(ALLOWED)
    .filter((folder) => file.startsWith(`${folder}/`))
    .sort((a, b) => b.length - a.length)[0];

describe('architecture', () => {
  const files = [...filesUnder('src'), ...filesUnder('commands')];

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('each folder imports only what the dependency table allows', () => {
    const violations: string[] = [];
    for (const file of files) {
      const folder = folderOf(file);
      if (!folder) continue; // composition root (app.ts, main.ts, cli/) may import anything
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) {
          if (PURE.includes(folder) && BANNED_IN_PURE.test(spec)) violations.push(`${file} → ${spec}`);
          continue;
        }
        const target = relative(REPO_ROOT, join(REPO_ROOT, file, '..', spec));
        const targetFolder = folderOf(target) ?? target;
        if (!ALLOWED[folder]?.includes(targetFolder)) violations.push(`${file} → ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('only config and main read process.env', () => {
    const readers = files.filter(
      (f) => /process\.env\b/.test(readFileSync(join(REPO_ROOT, f), 'utf8')) && !f.startsWith('src/config/'),
    );
    expect(readers).toEqual(['src/main.ts']);
  });

  it('core and scheduler never read the system time directly', () => {
    const offenders = files
      .filter((f) => f.startsWith('src/core/') || f.startsWith('src/scheduler/'))
      .filter((f) => /Date\.now\(|new Date\(\)/.test(readFileSync(join(REPO_ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
