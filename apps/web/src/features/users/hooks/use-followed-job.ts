import { useState } from 'react';

const KEY = 'hybrid-hub.users.job';

function read(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null; // storage blocked: the panel simply does not survive leaving the page
  }
}

function write(id: string | null): void {
  try {
    if (id) sessionStorage.setItem(KEY, id);
    else sessionStorage.removeItem(KEY);
  } catch {
    // As above: nothing to keep it in.
  }
}

/**
 * The bulk job the Users page follows. Kept for the tab's session, so an admin who opens a
 * user while a job runs finds its progress (and result) again on coming back.
 */
export function useFollowedJob(): [string | null, (id: string | null) => void] {
  const [jobId, setJobId] = useState<string | null>(read);
  const follow = (id: string | null) => {
    write(id);
    setJobId(id);
  };
  return [jobId, follow];
}
