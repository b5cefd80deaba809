import type { ConnectorRestartResult } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { formatCount, formatNumber } from '../../../lib/format.ts';

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

/**
 * The four counts, always all four: "0 removed" is an answer too, and the admin compares them
 * with what was changed on premises.
 */
function Counts({ result }: { result: ConnectorRestartResult }) {
  const counts: Array<[string, number]> = [
    ['Newly discovered', result.discovered.length],
    ['Removed', result.removed.length],
    ['Not discovered', result.notDiscovered.length],
    ['Versions resynchronized', result.versionsUpdated.length],
  ];
  return (
    <Box
      component="dl"
      aria-label="IM and Presence nodes"
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))',
        gap: 1,
      }}
    >
      {counts.map(([label, count]) => (
        <Box
          key={label}
          sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 1.5, py: 1 }}
        >
          <Typography component="dt" variant="caption" color="text.secondary">
            {label}
          </Typography>
          <Typography
            component="dd"
            variant="h6"
            sx={{
              m: 0,
              fontVariantNumeric: 'tabular-nums',
              color: label === 'Not discovered' && count > 0 ? 'warning.dark' : undefined,
            }}
          >
            {formatNumber(count)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/** What the Message Connector's rediscovery through AXL found: the counts, then the nodes. */
export function RestartResult({ result }: { result: ConnectorRestartResult }) {
  const item = (key: string, text: ReactNode) => (
    <Typography component="li" variant="body2" key={key}>
      {text}
    </Typography>
  );
  const nothing = restartChanges(result).length === 0;
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Counts result={result} />
      {nothing ? (
        <Typography variant="body2">
          Nothing changed: every IM and Presence node was already known, with its current version.
        </Typography>
      ) : (
        <>
          <Found title="Newly discovered">
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
        </>
      )}
    </Box>
  );
}

/** "IM and Presence nodes: 1 discovered, 2 not discovered", "1 version resynchronized". */
function restartChanges(result: ConnectorRestartResult): string[] {
  const nodes = (
    [
      [result.discovered.length, 'discovered'],
      [result.removed.length, 'removed'],
      [result.notDiscovered.length, 'not discovered'],
    ] as const
  )
    .filter(([count]) => count > 0)
    .map(([count, what]) => `${formatNumber(count)} ${what}`);
  const changes = nodes.length > 0 ? [`IM and Presence nodes: ${nodes.join(', ')}`] : [];
  if (result.versionsUpdated.length > 0) {
    changes.push(`${formatCount(result.versionsUpdated.length, 'version')} resynchronized`);
  }
  return changes;
}

/** The restart's outcome in one line, for the snackbar. */
export function restartSummary(result: ConnectorRestartResult): string {
  const changes = restartChanges(result);
  return changes.length === 0
    ? 'Message Connector restarted: no IM and Presence node changed.'
    : `Message Connector restarted. ${changes.join('; ')}.`;
}
