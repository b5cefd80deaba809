import { ValidationError } from './errors.ts';

/**
 * The keyset cursor of the users list, shared by every store so that a cursor made by one
 * replica (or by the in-memory store in the browser) reads the same everywhere.
 *
 * Wire format: base64url (no padding) of the UTF-8 JSON `{ k, id, d }` where `k` is the sort key
 * of the row the cursor starts from (see `userSortKey`), `id` its id (the tie-break) and `d` the
 * direction: `next` = rows strictly after it in the sort order, `prev` = rows strictly before it.
 */
export interface UserCursor {
  k: string | number | null;
  id: string;
  d: 'next' | 'prev';
}

export function encodeUserCursor(cursor: UserCursor): string {
  const bytes = new TextEncoder().encode(
    JSON.stringify({ k: cursor.k, id: cursor.id, d: cursor.d }),
  );
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  // btoa/atob and TextEncoder exist in browsers and Node alike (no Buffer: the engine is pure).
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Reads a cursor; anything that is not one of ours throws ValidationError('cursor'). */
export function decodeUserCursor(text: string): UserCursor {
  const malformed = () =>
    new ValidationError('cursor', 'malformed cursor: start again from the first page');
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw malformed();
  let value: unknown;
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw malformed();
  }
  if (typeof value !== 'object' || value === null) throw malformed();
  const { k, id, d } = value as Record<string, unknown>;
  const keyOk =
    k === null || typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k));
  if (!keyOk || typeof id !== 'string' || id === '' || (d !== 'next' && d !== 'prev'))
    throw malformed();
  return { k: k as UserCursor['k'], id, d };
}
