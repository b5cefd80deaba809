// TEMPORARY until packages/engine/src/user-cursor.ts lands.
import { ValidationError } from '@hybrid-hub/engine';
export interface UserCursor { k: string | number | null; id: string; d: 'next' | 'prev' }
export function encodeUserCursor(c: UserCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}
export function decodeUserCursor(s: string): UserCursor {
  try { return JSON.parse(Buffer.from(s, 'base64url').toString()) as UserCursor; }
  catch { throw new ValidationError('cursor', 'malformed cursor'); }
}
