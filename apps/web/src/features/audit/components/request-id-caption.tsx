import Typography from '@mui/material/Typography';
import { CopyRequestId } from '../../../components/copy-request-id.tsx';

/**
 * The request an entry records, by the id its answer carried (X-Request-Id, or `requestId` in an
 * error): short in the table, copied whole on a click, so that support can match it with the
 * BFF's log or an error an admin reports. Entries recorded before ids were kept show nothing.
 * Under it, the id the client or a proxy sent of its own, if any (a script's, a trace's).
 */
export function RequestIdCaption({
  id,
  clientId,
}: {
  id: string | null;
  clientId?: string | null;
}) {
  if (!id) return null;
  return (
    <Typography
      variant="caption"
      color="text.secondary"
      component="p"
      sx={{ whiteSpace: 'nowrap' }}
    >
      Request <CopyRequestId id={id} />
      {clientId && (
        <>
          <br />
          Client's id <CopyRequestId id={clientId} />
        </>
      )}
    </Typography>
  );
}
