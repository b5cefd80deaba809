import Typography from '@mui/material/Typography';
import { CopyRequestId } from '../../../components/copy-request-id.tsx';

/**
 * The request an entry records, by the id its answer carried (X-Request-Id, or `requestId` in an
 * error): short in the table, copied whole on a click, so that support can match it with the
 * BFF's log or an error an admin reports. Entries recorded before ids were kept show nothing.
 */
export function RequestIdCaption({ id }: { id: string | null }) {
  if (!id) return null;
  return (
    <Typography
      variant="caption"
      color="text.secondary"
      component="p"
      sx={{ whiteSpace: 'nowrap' }}
    >
      Request <CopyRequestId id={id} />
    </Typography>
  );
}
