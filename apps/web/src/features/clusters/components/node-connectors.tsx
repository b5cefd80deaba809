import type { ConnectorNode } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import { Fragment } from 'react';
import { CapacityBar } from '../../../components/capacity-bar.tsx';
import { ConnectorStateChip } from '../../../components/health-chip.tsx';
import { StatusChip } from '../../../components/status-chip.tsx';
import { visuallyHidden } from '../../../components/visually-hidden.ts';

/** Both connectors of a node, each named: one column instead of two keeps the actions in view. */
export function NodeConnectors({ node }: { node: ConnectorNode }) {
  return (
    <Box
      component="dl"
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: 'auto auto',
        columnGap: 1,
        rowGap: 0.5,
        alignItems: 'center',
        justifyContent: 'start',
        // The hidden words need a positioned box: inside a scrolled table they would widen the page.
        position: 'relative',
        '& dt': { typography: 'caption', color: 'text.secondary', whiteSpace: 'nowrap' },
        '& dd': { m: 0 },
      }}
    >
      {/* "Connector" is said by the column header; screen readers hear it in full. */}
      {(
        [
          ['Management', node.managementConnector],
          ['Message', node.messageConnector],
        ] as const
      ).map(([name, state]) => (
        <Fragment key={name}>
          <dt>
            {name}
            <Box component="span" sx={visuallyHidden}>
              {' '}
              Connector
            </Box>
          </dt>
          <dd>
            <ConnectorStateChip state={state} />
          </dd>
        </Fragment>
      ))}
    </Box>
  );
}

/** A node's users against what it holds, and whether they are affected (the node cannot serve). */
export function NodeLoad({ node }: { node: ConnectorNode }) {
  return (
    <>
      <CapacityBar used={node.users} capacity={node.capacity} unit="" dense />
      {node.usersAffected && (
        <Box sx={{ mt: 0.5 }}>
          <StatusChip
            label="Users affected"
            tone="error"
            title="This node has users but cannot serve them"
          />
        </Box>
      )}
    </>
  );
}
