import { searchTerms } from '@hybrid-hub/engine';

/**
 * The FTS5 MATCH expression for a search box text: every word of it must start a word of the
 * name or email (`"jane"* AND "doe"*`). Terms come from the engine's searchTerms(), so both
 * stores split text the same way; being letters and digits only, they need no escaping, but
 * they are quoted anyway so that words like AND, OR, NOT or NEAR stay plain words.
 * Returns '' when the text has no word at all.
 */
export function searchMatch(q: string): string {
  return searchTerms(q)
    .map((term) => `"${term.replaceAll('"', '""')}"*`)
    .join(' AND ');
}

/**
 * The MATCH expression of a search within one organization: the search words on name and email,
 * and the organization's scope token (see migration 2), so that the full-text index alone
 * answers "which users of this organization match".
 */
export function scopedSearchMatch(orgId: string, q: string): string {
  const words = searchMatch(q);
  if (!words) return '';
  const scope = `o${Buffer.from(orgId, 'utf8').toString('hex')}`;
  return `search_scope : "${scope}" AND {display_name email} : (${words})`;
}
