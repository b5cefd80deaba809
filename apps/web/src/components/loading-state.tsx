import '../app/layout/shell.css';

/**
 * A page or section waiting for its data. Plain elements and CSS (app/layout/shell.css): the
 * shell shows it before MUI has loaded.
 */
export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" className="loading-state">
      <span className="loading-state-spinner" aria-hidden />
      <span>{label}</span>
    </div>
  );
}
