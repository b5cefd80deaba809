// Runs before the console's modules (a deferred classic script, first in document order).
// zod compiles fast object parsers with `new Function` when it may; under the console's
// Content-Security-Policy (script-src 'self', no 'unsafe-eval') it may not, and its probe —
// caught, but reported — is a CSP violation on every page load. jitless skips the probe. zod reads
// this shared config object when it loads, and each schema reads it when it is built, so it must
// be set before any module runs: bundling may evaluate zod's chunk before any of our modules.
// The SPA parses little; the interpreted parsers cost nothing noticeable.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, {
  jitless: true,
});
