import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** One chunk of Vite's build manifest (`dist/.vite/manifest.json`), the fields read here. */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/**
 * The SPA's screens and the modules each one loads lazily (src/app/router.tsx): its component's,
 * and its loader's where that is a module of its own.
 */
export const ROUTE_MODULES = {
  'Sign-in': ['src/features/session/routes/sign-in-route.tsx'],
  Overview: [
    'src/features/overview/routes/overview-route.tsx',
    'src/features/overview/api/overview-loader.ts',
  ],
  Users: ['src/features/users/routes/users-route.tsx', 'src/features/users/api/users-loader.ts'],
  User: ['src/features/users/routes/user-route.tsx', 'src/features/users/api/user-loader.ts'],
  Clusters: [
    'src/features/clusters/routes/clusters-route.tsx',
    'src/features/clusters/api/clusters-loader.ts',
  ],
  Cluster: [
    'src/features/clusters/routes/cluster-route.tsx',
    'src/features/clusters/api/cluster-loader.ts',
  ],
  Alarms: ['src/features/alarms/routes/alarms-route.tsx'],
  Audit: ['src/features/audit/routes/audit-route.tsx'],
  Lab: ['src/features/lab/routes/lab-route.tsx'],
} as const satisfies Record<string, readonly string[]>;

export type RouteName = keyof typeof ROUTE_MODULES;

/**
 * Loaded by every first visit whatever the screen (main.tsx starts it beside the shell): MUI's
 * theme and baseline, which the shell itself does without (app/with-screen-theme.tsx).
 */
export const EVERY_SCREEN_MODULES = ['src/app/screen-theme.tsx'] as const;

export interface RouteJavaScript {
  /** The files a first visit to the screen downloads before it can render. */
  files: string[];
  /** Their sizes, each gzipped alone at level 9 as a server would send it. */
  gzipBytes: number;
  rawBytes: number;
}

export interface BuildJavaScript {
  /** index.html's scripts and everything the entry imports statically: every screen needs it. */
  shell: RouteJavaScript;
  routes: Record<RouteName, RouteJavaScript>;
}

/** Every chunk `key` imports statically, itself included, transitively. */
function staticClosure(manifest: Manifest, key: string, into: Set<string>): Set<string> {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`the build manifest has no chunk for ${key}`);
  if (!into.has(chunk.file)) {
    into.add(chunk.file);
    for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  }
  return into;
}

/** Classic scripts index.html loads from public/ (the manifest lists only modules it built). */
function publicScripts(distDir: string): string[] {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  return [...html.matchAll(/<script\b[^>]*\bsrc="\/([^"]+)"/g)]
    .map((match) => match[1]!)
    .filter((file) => !file.startsWith('assets/'));
}

/**
 * What each screen's first load costs in JavaScript: the shell (the entry and its static
 * imports) plus the screen's lazy chunks and their static imports, which the router preloads
 * together. Sizes are of the built files, so they are the same on every machine.
 */
export function measureBuild(
  distDir: string,
  { missing = 'fail' }: { missing?: 'fail' | 'skip' } = {},
): BuildJavaScript {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, '.vite/manifest.json'), 'utf8'),
  ) as Manifest;
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const measure = (files: Iterable<string>): RouteJavaScript => {
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const file of files) {
      let size = sizes.get(file);
      if (!size) {
        const bytes = readFileSync(path.join(distDir, file));
        size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
        sizes.set(file, size);
      }
      rawBytes += size.raw;
      gzipBytes += size.gzip;
    }
    return { files: [...files].sort(), rawBytes, gzipBytes };
  };

  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entry) throw new Error('the build manifest has no entry chunk');
  const shellFiles = staticClosure(manifest, entry, new Set(publicScripts(distDir)));
  const routes = Object.fromEntries(
    Object.entries(ROUTE_MODULES).map(([name, modules]) => {
      const files = new Set(shellFiles);
      for (const module of [...EVERY_SCREEN_MODULES, ...modules]) {
        // An older build (a bench's "before") may lack a module split off since.
        if (missing === 'skip' && !manifest[module]) continue;
        staticClosure(manifest, module, files);
      }
      return [name, measure(files)];
    }),
  ) as Record<RouteName, RouteJavaScript>;
  return { shell: measure(shellFiles), routes };
}

/**
 * What files hold, from their source maps: the npm packages (`zod`, `@mui/x-charts`) and the
 * SPA's features (`feature:lab`) whose code is in them.
 */
export function contentsOf(distDir: string, files: Iterable<string>): Set<string> {
  const contents = new Set<string>();
  for (const file of files) {
    const map = path.join(distDir, `${file}.map`);
    if (!existsSync(map)) continue;
    const { sources } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] };
    for (const source of sources) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
      const feature = /\/src\/features\/([^/]+)\//.exec(source)?.[1];
      if (pkg) contents.add(pkg);
      else if (feature) contents.add(`feature:${feature}`);
    }
  }
  return contents;
}
