import Button from '@mui/material/Button';
import Dialog, { type DialogProps } from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useId, useState, type ReactNode } from 'react';

export interface DialogButtonProps {
  /** The button's words: what tests and admins look for. */
  label: string;
  icon?: ReactNode;
  title: string;
  description?: string;
  maxWidth?: DialogProps['maxWidth'];
  /** Rendered only while open, so what it loads is read afresh on each opening. */
  children: ReactNode;
}

/** A button that opens a read-only dialog (history, diagnostics), closed with Close or Escape. */
export function DialogButton({
  label,
  icon,
  title,
  description,
  maxWidth = 'sm',
  children,
}: DialogButtonProps) {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const descriptionId = useId();
  return (
    <>
      <Button variant="outlined" startIcon={icon} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        maxWidth={maxWidth}
        fullWidth
        scroll="paper"
      >
        <DialogTitle id={titleId} sx={description ? { pb: 0.5 } : undefined}>
          {title}
        </DialogTitle>
        {description && (
          <Typography
            id={descriptionId}
            variant="body2"
            color="text.secondary"
            sx={{ px: 3, pb: 1.5 }}
          >
            {description}
          </Typography>
        )}
        <DialogContent dividers sx={{ minHeight: 280 }}>
          {open && children}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
