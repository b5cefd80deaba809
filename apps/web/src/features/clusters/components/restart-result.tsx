import type { ConnectorRestartResult } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

function Found({ title, children }: { title: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="subtitle2" component="h3">
        {title}
      </Typography>
      <Box component="ul" sx={{ mt: 0.5, mb: 0, pl: 2.5 }}>
        {children}
      </Box>
    </Box>
  );
}

/** What the Message Connector's rediscovery through AXL found, in four short lists. */
export function RestartResult({ result }: { result: ConnectorRestartResult }) {
  const nothing =
    result.discovered.length +
      result.removed.length +
      result.notDiscovered.length +
      result.versionsUpdated.length ===
    0;
  if (nothing) {
    return (
      <Typography variant="body2">
        Nothing changed: every IM and Presence node was already known, with its current version.
      </Typography>
    );
  }
  const item = (key: string, text: ReactNode) => (
    <Typography component="li" variant="body2" key={key}>
      {text}
    </Typography>
  );
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      <Found title="Discovered">
        {result.discovered.map((node) => item(node.id, node.address))}
      </Found>
      <Found title="Removed">{result.removed.map((node) => item(node.id, node.address))}</Found>
      <Found title="Not discovered">
        {result.notDiscovered.map((node) =>
          item(
            node.id,
            <>
              <strong>{node.address}</strong>: {node.reason}
            </>,
          ),
        )}
      </Found>
      <Found title="Versions resynchronized">
        {result.versionsUpdated.map((node) =>
          item(
            node.id,
            <>
              <strong>{node.address}</strong>: {node.from} → {node.to}
            </>,
          ),
        )}
      </Found>
    </Box>
  );
}

/** The restart's outcome in one line, for the snackbar. */
export function restartSummary(result: ConnectorRestartResult): string {
  const parts = [
    result.discovered.length && `${result.discovered.length} discovered`,
    result.removed.length && `${result.removed.length} removed`,
    result.notDiscovered.length && `${result.notDiscovered.length} not discovered`,
    result.versionsUpdated.length && `${result.versionsUpdated.length} versions resynchronized`,
  ].filter(Boolean);
  return parts.length === 0
    ? 'Message Connector restarted: no IM and Presence node changed.'
    : `Message Connector restarted: IM and Presence nodes ${parts.join(', ')}.`;
}
