import type { LabDirectoryEntry } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { StatusChip } from '../../../components/status-chip.tsx';
import type { LabEntryRoles } from '../api/lab-entries.ts';

function roleOf(entry: LabDirectoryEntry, roles: LabEntryRoles): string {
  if (entry.id === roles.main?.id) return 'Main entry';
  if (roles.duplicates.some((d) => d.id === entry.id)) return 'Duplicate home';
  return 'Other entry';
}

/** What each IM and Presence directory (through AXL) says about the user. */
export function DirectoryEntriesTable({
  entries,
  roles,
}: {
  entries: readonly LabDirectoryEntry[];
  roles: LabEntryRoles;
}) {
  if (entries.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
        No IM and Presence directory knows this user: activation fails with NOT_FOUND_ON_PREMISES.
        Choose a home node below to create an entry.
      </Typography>
    );
  }
  return (
    // Narrow screens scroll the table sideways rather than cut its last columns off.
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Directory entries" sx={{ minWidth: 720 }}>
        <TableHead>
          <TableRow>
            <TableCell>IM and Presence cluster</TableCell>
            <TableCell>Userid / JID</TableCell>
            <TableCell>Mailid</TableCell>
            <TableCell>Home node</TableCell>
            <TableCell>Role</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((entry) => (
            <TableRow key={entry.id}>
              <TableCell>
                {entry.impClusterName}
                {!entry.connected && (
                  <>
                    {' '}
                    <StatusChip
                      label="Not connected"
                      tone="warning"
                      title="Its publisher is not configured on an Expressway cluster"
                    />
                  </>
                )}
              </TableCell>
              <TableCell>
                {entry.userid}
                <Typography variant="caption" color="text.secondary" component="p">
                  {entry.jid}
                </Typography>
              </TableCell>
              <TableCell>
                {entry.mailid || (
                  <Typography variant="body2" color="text.secondary" component="span">
                    (none)
                  </Typography>
                )}
              </TableCell>
              <TableCell>{entry.homeImpNodeAddress}</TableCell>
              <TableCell>{roleOf(entry, roles)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
