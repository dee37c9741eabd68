#!/usr/bin/env node
// The `paperboy` command. The sources are bundled into dist/ by `npm ci` (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('paperboy is not built yet: run `npm ci` (or `npm run build`) first.\n');
  process.exit(1);
}
await import(entry);
