import type { LabUser } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { LabEntryRoles } from '../api/lab-entries.ts';
import { HomeNodeSelect } from './home-node-select.tsx';
import { InlineForm } from './inline-form.tsx';
import type { LabEditorProps } from './lab-editing.ts';
import { useDraft } from './use-draft.ts';

function mailidOutcome(mailid: string, email: string): string {
  if (mailid === '') return 'An empty mailid makes activation fail with NO_MAIL_ID.';
  if (mailid.toLowerCase() !== email.toLowerCase()) {
    return `Differs from the email in the cloud (${email}): activation fails with MAIL_ID_MISMATCH.`;
  }
  return 'Matches the email in the cloud.';
}

/** Edits the user's main directory entry: mailid, home node; creates or removes it. */
export function DirectoryEditor({
  user,
  roles,
  busy,
  apply,
}: LabEditorProps & { user: LabUser; roles: LabEntryRoles }) {
  const { main } = roles;
  const [mailid, setMailid, mailidChanged] = useDraft(main?.mailid ?? '');
  const [homeNode, setHomeNode, homeChanged] = useDraft(main?.homeImpNodeId ?? '');

  if (!main) {
    return (
      <InlineForm
        label="Create a directory entry"
        submitLabel="Create entry"
        canSubmit={Boolean(homeNode) && !busy}
        onSubmit={() =>
          apply({ directory: { homeImpNodeId: homeNode } }, 'Directory entry created')
        }
      >
        <HomeNodeSelect
          label="Home node"
          clusters={user.impClusters}
          value={homeNode}
          onChange={setHomeNode}
          disabled={busy}
          helperText="The entry gets the user's email as mailid."
        />
      </InlineForm>
    );
  }

  const trimmed = mailid.trim();
  return (
    <Box sx={{ display: 'grid', gap: 2.5 }}>
      <InlineForm
        label="Mailid"
        submitLabel="Save mailid"
        canSubmit={mailidChanged && !busy}
        extra={
          trimmed.toLowerCase() !== user.email.toLowerCase() && (
            // The usual fix of MAIL_ID_MISMATCH and NO_MAIL_ID, one click away (still to save).
            <Button onClick={() => setMailid(user.email)} disabled={busy} sx={{ mt: '2px' }}>
              Use the cloud email
            </Button>
          )
        }
        onSubmit={() =>
          apply(
            { directory: { mailid: trimmed } },
            trimmed ? `Mailid changed to ${trimmed}` : 'Mailid removed',
          )
        }
      >
        <TextField
          size="small"
          label="Mailid"
          value={mailid}
          onChange={(event) => setMailid(event.target.value)}
          disabled={busy}
          helperText={mailidOutcome(trimmed, user.email)}
          sx={{ minWidth: 300, flex: '1 1 300px', maxWidth: 480 }}
          slotProps={{ htmlInput: { maxLength: 320, spellCheck: false } }}
        />
      </InlineForm>
      <InlineForm
        label="Home node"
        submitLabel="Save home node"
        canSubmit={homeChanged && !busy}
        onSubmit={() => apply({ directory: { homeImpNodeId: homeNode } }, 'Home node changed')}
      >
        <HomeNodeSelect
          label="Home node"
          clusters={user.impClusters}
          value={homeNode}
          onChange={setHomeNode}
          disabled={busy}
          helperText="On a cluster that is not connected, activation fails with NOT_FOUND_ON_PREMISES."
        />
      </InlineForm>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Button
          variant="outlined"
          color="error"
          disabled={busy}
          onClick={() => apply({ directory: { remove: true } }, 'Directory entry removed')}
        >
          Remove entry
        </Button>
        <Typography variant="caption" color="text.secondary">
          Without an entry on a connected cluster, activation fails with NOT_FOUND_ON_PREMISES.
        </Typography>
      </Box>
    </Box>
  );
}
