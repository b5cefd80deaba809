import type { LabUser } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { LabEntryRoles } from '../api/lab-entries.ts';
import { HomeNodeSelect } from './home-node-select.tsx';
import { InlineForm } from './inline-form.tsx';
import type { LabEditorProps } from './lab-editing.ts';

/** Adds or removes a second home: the same mailid on another IM and Presence cluster. */
export function DuplicateHomeEditor({
  user,
  roles,
  busy,
  apply,
}: LabEditorProps & { user: LabUser; roles: LabEntryRoles }) {
  const [nodeId, setNodeId] = useState('');
  const { main, duplicates } = roles;
  if (!main) {
    return (
      <Typography variant="body2" color="text.secondary">
        Create the user&apos;s directory entry first: a duplicate home copies it.
      </Typography>
    );
  }
  const otherClusters = user.impClusters.filter((cluster) => cluster.id !== main.impClusterId);
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="body2" color="text.secondary">
        {duplicates.length > 0
          ? `Homed on more than one cluster (${[main, ...duplicates].map((e) => e.impClusterName).join(', ')}): activation fails with DUPLICATE_MAIL_ID.`
          : `Homed on ${main.impClusterName} only.`}
      </Typography>
      {duplicates.length > 0 ? (
        <Box>
          <Button
            variant="outlined"
            color="error"
            disabled={busy}
            onClick={() => apply({ duplicateHomeImpNodeId: null }, 'Duplicate home removed')}
          >
            Remove duplicate home
          </Button>
        </Box>
      ) : (
        <InlineForm
          label="Duplicate home"
          submitLabel="Add duplicate home"
          canSubmit={Boolean(nodeId) && !busy}
          onSubmit={() => {
            apply({ duplicateHomeImpNodeId: nodeId }, 'Duplicate home added');
            setNodeId('');
          }}
        >
          <HomeNodeSelect
            label="Second home node"
            clusters={otherClusters}
            value={nodeId}
            onChange={setNodeId}
            disabled={busy}
            helperText="On another IM and Presence cluster than the main entry."
          />
        </InlineForm>
      )}
    </Box>
  );
}
