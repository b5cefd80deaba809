import type { LabImpCluster } from '@hybrid-hub/contract';
import ListSubheader from '@mui/material/ListSubheader';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';

/** An IM and Presence node to home the user on, grouped by cluster (connected or not). */
export function HomeNodeSelect({
  label,
  clusters,
  value,
  onChange,
  disabled,
  helperText,
}: {
  label: string;
  clusters: readonly LabImpCluster[];
  value: string;
  onChange: (nodeId: string) => void;
  disabled?: boolean;
  helperText?: string;
}) {
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      disabled={disabled || clusters.length === 0}
      helperText={clusters.length === 0 ? 'No IM and Presence cluster to choose from.' : helperText}
      sx={{ minWidth: 300 }}
    >
      {clusters.flatMap((cluster) => [
        <ListSubheader key={`cluster-${cluster.id}`}>
          {cluster.name}
          {cluster.connected ? '' : ' — not connected to an Expressway cluster'}
        </ListSubheader>,
        ...cluster.nodes.map((node) => (
          <MenuItem key={node.id} value={node.id} sx={{ pl: 4 }}>
            {node.address}
          </MenuItem>
        )),
      ])}
    </TextField>
  );
}
