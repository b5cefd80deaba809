import type { LabDeploymentImpCluster } from '@hybrid-hub/contract';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { apiClient } from '../../../../lib/api-client.ts';
import { InlineForm } from '../inline-form.tsx';
import type { LabCommandProps } from './lab-command-props.ts';

/** Adds a node on premises: the Message Connector does not know it until it is restarted. */
export function AddImpNodeForm({
  cluster,
  busy,
  command,
}: LabCommandProps & { cluster: LabDeploymentImpCluster }) {
  const [address, setAddress] = useState('');
  const [group, setGroup] = useState('');
  const trimmed = address.trim();
  const full = cluster.nodes.length >= 6;
  return (
    <InlineForm
      label={`Add a node to ${cluster.name}`}
      submitLabel="Add node"
      canSubmit={trimmed !== '' && !busy && !full}
      onSubmit={() => {
        command(
          () =>
            apiClient.request('addLabImpNode', {
              params: { id: cluster.id },
              body: group
                ? { address: trimmed, presenceRedundancyGroupId: group }
                : { address: trimmed },
            }),
          `${trimmed} added to ${cluster.name}: restart the Message Connector to discover it`,
        );
        setAddress('');
      }}
    >
      <TextField
        size="small"
        label="New node address"
        value={address}
        onChange={(event) => setAddress(event.target.value)}
        disabled={busy || full}
        helperText={full ? 'An IM and Presence cluster has at most 6 nodes.' : ' '}
        sx={{ minWidth: 240 }}
      />
      <TextField
        select
        size="small"
        label="Presence redundancy group"
        value={group}
        onChange={(event) => setGroup(event.target.value)}
        disabled={busy || full}
        helperText=" "
        sx={{ minWidth: 220 }}
      >
        <MenuItem value="">None</MenuItem>
        {cluster.presenceRedundancyGroups.map((g) => (
          <MenuItem key={g.id} value={g.id}>
            {g.name}
          </MenuItem>
        ))}
      </TextField>
    </InlineForm>
  );
}
