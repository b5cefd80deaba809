import { useEffect, useState } from 'react';
import { useServerConnectionLost } from '../lib/hub-events-context.tsx';
import './connection-banner.css';

/** A drop shorter than this (a stream handed to another tab, a quick reconnect) says nothing. */
export const BANNER_DELAY_MS = 1000;

/**
 * Says so while the server or the event stream is lost, instead of a page that looks live.
 * Plain elements (the shell draws it before MUI has loaded, and must draw it when MUI cannot
 * load). The live region stays in the page and only its words come and go, so that screen
 * readers announce them.
 */
export function ConnectionBanner() {
  const lost = useServerConnectionLost();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!lost) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), BANNER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [lost]);
  return (
    <div role="status" aria-live="polite" className="connection-banner-region">
      {shown && lost && (
        <div className="connection-banner">
          <span className="connection-banner-pulse" aria-hidden />
          <span>
            <strong>Reconnecting…</strong> The server cannot be reached right now. What you see may
            be out of date; this page updates by itself when the connection is back.
          </span>
        </div>
      )}
    </div>
  );
}
