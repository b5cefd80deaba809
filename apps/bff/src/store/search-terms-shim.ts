// TEMPORARY until packages/engine/src/search-terms.ts lands.
export function searchTerms(q: string): string[] {
  return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
