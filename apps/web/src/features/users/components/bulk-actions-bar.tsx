import { BULK_MAX_IDS, type BulkAction } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { formatCount, formatNumber } from '../../../lib/format.ts';
import type { UserSelection } from '../hooks/use-user-selection.ts';

export interface BulkActionsBarProps {
  selection: UserSelection;
  /** Users matching the list's filter, across all pages. */
  total: number | undefined;
  /** Ids of the rows on the page shown. */
  pageIds: readonly string[];
  filtered: boolean;
  busy: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
  onAction: (action: BulkAction, count: number) => void;
}

const ACTIONS: ReadonlyArray<{ action: BulkAction; label: string }> = [
  { action: 'activate', label: 'Activate' },
  { action: 'deactivate', label: 'Deactivate' },
  { action: 'reactivate', label: 'Reactivate' },
];

/** Deactivate and Reactivate stop service: they are confirmed first, saying so. */
const CONFIRM: Partial<
  Record<BulkAction, { title: string; body: string; tone: 'error' | 'primary' }>
> = {
  deactivate: {
    title: 'Deactivate',
    body: 'The Message Service is switched off for them: they stop receiving messages through it, and their assignments are freed.',
    tone: 'error',
  },
  reactivate: {
    title: 'Reactivate',
    body: 'Each user goes back to Pending and is assigned again. Users may briefly lose service while they are reactivated.',
    tone: 'primary',
  },
};

function SelectionSummary({
  selection,
  total,
  pageIds,
  filtered,
  onSelectAllMatching,
  onClear,
}: Omit<BulkActionsBarProps, 'busy' | 'onAction'>) {
  const matching = filtered ? ' matching this filter' : '';
  if (selection.kind === 'filter') {
    return (
      <>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          All {total === undefined ? '' : formatCount(total, 'user')}
          {matching} are selected.
        </Typography>
        <Button size="small" onClick={onClear}>
          Clear selection
        </Button>
      </>
    );
  }
  const count = selection.ids.size;
  if (count === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        Select users to activate, deactivate or reactivate them.
      </Typography>
    );
  }
  const wholePage = pageIds.length > 0 && pageIds.every((id) => selection.ids.has(id));
  const more = total !== undefined && total > count;
  return (
    <>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {formatCount(count, 'user')} selected
      </Typography>
      {wholePage && more && (
        <Button size="small" onClick={onSelectAllMatching}>
          Select all {formatNumber(total)} users{matching}
        </Button>
      )}
      <Button size="small" onClick={onClear}>
        Clear selection
      </Button>
    </>
  );
}

/** What is selected, the way to select every matching user, and the bulk actions. */
export function BulkActionsBar(props: BulkActionsBarProps) {
  const { selection, total, busy, onAction } = props;
  // The action stays set while the dialog fades out, so its words do not change as it closes.
  const [confirming, setConfirming] = useState<{ action: BulkAction; open: boolean } | null>(null);
  const count = selection.kind === 'filter' ? (total ?? 0) : selection.ids.size;
  const tooMany = selection.kind === 'ids' && count > BULK_MAX_IDS;

  const start = (action: BulkAction) => {
    if (CONFIRM[action]) setConfirming({ action, open: true });
    else onAction(action, count);
  };
  const confirm = confirming ? CONFIRM[confirming.action] : undefined;
  const close = () => setConfirming((current) => current && { ...current, open: false });

  return (
    <Box
      role="region"
      aria-label="Bulk actions"
      sx={{
        display: 'flex',
        alignItems: 'center',
        flexWrap: 'wrap',
        gap: 1,
        px: 2,
        py: 1,
        // One height whatever is selected, so the grid below does not move.
        minHeight: 52,
        borderTop: 1,
        borderColor: 'divider',
        bgcolor: count > 0 ? 'primary.light' : 'transparent',
      }}
    >
      <SelectionSummary {...props} />
      <Box sx={{ flexGrow: 1 }} />
      {tooMany && (
        <Typography variant="caption" color="error">
          At most {formatNumber(BULK_MAX_IDS)} rows: use “Select all” instead.
        </Typography>
      )}
      {ACTIONS.map(({ action, label }) => (
        <Button
          key={action}
          size="small"
          variant={action === 'activate' ? 'contained' : 'outlined'}
          color={action === 'deactivate' ? 'error' : 'primary'}
          disabled={count === 0 || busy || tooMany}
          onClick={() => start(action)}
        >
          {label}
        </Button>
      ))}
      <ConfirmDialog
        open={confirming?.open ?? false}
        title={`${confirm?.title ?? ''} ${formatCount(count, 'user')}?`}
        confirmLabel={`${confirm?.title ?? ''} ${formatCount(count, 'user')}`}
        tone={confirm?.tone}
        busy={busy}
        onConfirm={() => {
          if (confirming) onAction(confirming.action, count);
          close();
        }}
        onCancel={close}
      >
        <Typography variant="body2">{confirm?.body}</Typography>
      </ConfirmDialog>
    </Box>
  );
}
