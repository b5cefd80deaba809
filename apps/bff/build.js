// @ts-check
/**
 * Compiles the BFF for production: `dist/server.js` (what `npm start` runs),
 * `dist/create-admin.js` (`npm run create-admin`) and `dist/start-cluster.js`
 * (`npm run start:cluster`), plain JavaScript for plain `node`, no tsx.
 *
 * The workspace packages (@hybrid-hub/contract, -engine, -http-binding) export their TypeScript
 * source, which Node cannot load from node_modules: esbuild compiles them into each file. Every
 * npm package stays an import, resolved from node_modules at run time exactly as under tsx: the
 * native addons (better-sqlite3, @node-rs/argon2) must be, and one copy of zod, express or pino
 * is what the source expects. The output sits in apps/bff/dist, as deep as src/, so paths found
 * from `import.meta.url` (config.ts: the repository's data/ and apps/web/dist; the WAL
 * checkpointer's driver) are the same from the source and from the build.
 *
 * Usage: node build.js [outdir]   (outdir: a directory directly in apps/bff; dist by default)
 */
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const bffDir = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(bffDir, process.argv[2] ?? 'dist');
if (path.dirname(outdir) !== bffDir) {
  throw new Error(`${outdir}: the output must be a directory directly in ${bffDir}`);
}

/** @type {import('esbuild').Plugin} */
const npmPackagesStayImports = {
  name: 'npm-packages-stay-imports',
  setup(build) {
    // Bare specifiers, node: built-ins included; `#…` are the contract's own subpath imports.
    build.onResolve({ filter: /^[^./#]/ }, ({ path: specifier }) =>
      specifier.startsWith('@hybrid-hub/') ? undefined : { path: specifier, external: true },
    );
  },
};

await build({
  absWorkingDir: bffDir,
  entryPoints: {
    server: 'src/server.ts',
    'create-admin': 'src/cli/create-admin-command.ts',
    'start-cluster': 'src/cli/start-cluster.ts',
    backup: 'src/cli/backup-command.ts',
    restore: 'src/cli/restore-command.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  // Stack traces name the TypeScript lines under `node --enable-source-maps`.
  sourcemap: 'linked',
  plugins: [npmPackagesStayImports],
  logLevel: 'warning',
});
