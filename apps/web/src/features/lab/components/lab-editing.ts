import type { LabUserUpdate } from '@hybrid-hub/contract';

/** How an editor applies a change: the update, and what it did in words (snackbar and hint). */
export type ApplyLabChange = (update: LabUserUpdate, done: string) => void;

/** What every Lab editor gets from the panel that owns the one update in flight. */
export interface LabEditorProps {
  busy: boolean;
  apply: ApplyLabChange;
}
