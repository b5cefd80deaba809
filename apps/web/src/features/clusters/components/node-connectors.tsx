import type { ConnectorNode } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import { ConnectorStateChip } from '../../../components/health-chip.tsx';
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
      <dt>
        Management
        <Box component="span" sx={visuallyHidden}>
          {' '}
          Connector
        </Box>
      </dt>
      <dd>
        <ConnectorStateChip state={node.managementConnector} />
      </dd>
      <dt>
        Message
        <Box component="span" sx={visuallyHidden}>
          {' '}
          Connector
        </Box>
      </dt>
      <dd>
        <ConnectorStateChip state={node.messageConnector} />
      </dd>
    </Box>
  );
}
