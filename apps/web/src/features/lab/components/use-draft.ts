import { useState } from 'react';

/**
 * A field's edited value, starting from the server's: a new server value (after a save, or
 * another change) replaces the draft.
 */
export function useDraft<T>(serverValue: T): [T, (value: T) => void, boolean] {
  const [draft, setDraft] = useState(serverValue);
  const [shown, setShown] = useState(serverValue);
  if (!Object.is(shown, serverValue)) {
    setShown(serverValue);
    setDraft(serverValue);
  }
  return [draft, setDraft, !Object.is(draft, serverValue)];
}
