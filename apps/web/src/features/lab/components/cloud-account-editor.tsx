import type { LabUser } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { LabEditorProps } from './lab-editing.ts';

function Toggle({
  label,
  checked,
  disabled,
  onChange,
  help,
}: {
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
  help: ReactNode;
}) {
  return (
    <Box>
      <FormControlLabel
        control={
          <Switch
            checked={checked}
            disabled={disabled}
            onChange={(event) => onChange(event.target.checked)}
          />
        }
        label={label}
      />
      <Typography variant="caption" color="text.secondary" component="p" sx={{ ml: 6.5 }}>
        {help}
      </Typography>
    </Box>
  );
}

/** What the cloud says about the user: entitlements, and a second account named after the JID. */
export function CloudAccountEditor({
  user,
  hasEntry,
  busy,
  apply,
}: LabEditorProps & { user: LabUser; hasEntry: boolean }) {
  const { entitlements } = user;
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      <Toggle
        label="Hybrid Message"
        checked={entitlements.hybridMessage}
        disabled={busy}
        onChange={(on) =>
          apply(
            { entitlements: { hybridMessage: on } },
            on ? 'Hybrid Message entitlement given' : 'Hybrid Message entitlement taken away',
          )
        }
        help="Without it, activation fails with NOT_ENTITLED."
      />
      <Toggle
        label="Message Free"
        checked={entitlements.messageFree}
        disabled={busy}
        onChange={(on) =>
          apply(
            { entitlements: { messageFree: on } },
            on ? 'Message Free entitlement given' : 'Message Free entitlement taken away',
          )
        }
        help="Every user of the cloud messaging app has it."
      />
      <Toggle
        label="Duplicate JID account"
        checked={user.duplicateJidAccount}
        disabled={busy || (!hasEntry && !user.duplicateJidAccount)}
        onChange={(on) =>
          apply(
            { duplicateJidAccount: on },
            on ? 'Duplicate JID account created' : 'Duplicate JID account removed',
          )
        }
        help={
          hasEntry
            ? 'A second cloud account named after the user’s JID: activation fails with DUPLICATE_JID_ACCOUNT.'
            : 'The user has no directory entry, so no JID: create the entry first.'
        }
      />
    </Box>
  );
}
