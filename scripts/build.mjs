// Bundles the TypeScript sources into dist/ so `npm start` and the `paperboy` binary run on plain
// Node. Runs in `prepare`, i.e. on every `npm ci` / `npm install` in this folder.
// Native and runtime-resolved packages (better-sqlite3, pino transports) stay external.
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // `npm ci --omit=dev` has no esbuild: keep an existing build, or say what to do.
  const { existsSync } = await import('node:fs');
  if (existsSync(new URL('../dist/main.js', import.meta.url))) process.exit(0);
  console.error('paperboy: cannot build dist/ without the dev dependencies; run `npm ci` (with dev dependencies) once.');
  process.exit(1);
}

await esbuild.build({
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
