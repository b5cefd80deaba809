import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';

/** "15.0.1.10000-1" → "15.0.1.10000-2": a plausible next build to start from. */
export function nextVersion(version: string): string {
  const match = /^(.*?)(\d+)(\D*)$/.exec(version);
  return match ? `${match[1]}${Number(match[2]) + 1}${match[3]}` : version;
}

/**
 * Upgrade an IM and Presence node to a new version. The Message Connector keeps showing the old
 * one until it is restarted (the guide's known issue), which is what this lets an admin see.
 */
export function UpgradeButton({
  address,
  version,
  busy,
  onUpgrade,
}: {
  address: string;
  version: string;
  busy: boolean;
  onUpgrade: (version: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const titleId = useId();
  const trimmed = draft.trim();
  const valid = trimmed !== '' && trimmed !== version && trimmed.length <= 40;
  return (
    <>
      <Button
        size="small"
        disabled={busy}
        onClick={() => {
          setDraft(nextVersion(version));
          setOpen(true);
        }}
      >
        Upgrade
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        maxWidth="xs"
        fullWidth
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!valid) return;
            setOpen(false);
            onUpgrade(trimmed);
          }}
        >
          <DialogTitle id={titleId}>Upgrade {address}</DialogTitle>
          <DialogContent>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              Now at {version}. The Message Connector learns the new version only when it is
              restarted.
            </Typography>
            <TextField
              autoFocus
              fullWidth
              size="small"
              label="New version"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="contained" disabled={!valid}>
              Upgrade
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
