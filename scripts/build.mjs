// Bundles the TypeScript sources into dist/ so `npm start` and the `paperboy` binary run on
// plain Node. Runs in `prepare`, i.e. on every `npm ci` / `npm install`.
// Native and runtime-resolved packages (better-sqlite3, pino transports) stay external.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  outfile: 'dist/main.js',
  logLevel: 'warning',
});
