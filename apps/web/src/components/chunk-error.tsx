import './chunk-error.css';

/**
 * A screen whose code did not download, even on a second try (lib/load-chunk.ts): said in
 * words, with the way out. Plain elements: MUI may be what did not download.
 */
export function ChunkError() {
  return (
    <section role="alert" aria-labelledby="chunk-error-title" className="chunk-error">
      <h1 id="chunk-error-title" className="chunk-error-title">
        This page could not be loaded
      </h1>
      <p className="chunk-error-text">
        Part of the console could not be downloaded from the server, even after a second try. The
        connection to the server may have dropped, or a newer version of the console may have been
        installed since this page was opened. Reload the page to try again.
      </p>
      <button type="button" className="chunk-error-button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </section>
  );
}
