import type { UserStatus } from '@hybrid-hub/contract';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { UserStatusChip } from '../../../components/user-status-chip.tsx';
import { labQueries } from '../api/lab-queries.ts';

export interface PickedUser {
  id: string;
  displayName: string;
  email: string;
  status: UserStatus;
}

const SEARCH_DELAY_MS = 300;

/** Finds a user by name or email (the Users list's search) to work on in the Lab. */
export function LabUserPicker({
  value,
  onChange,
}: {
  value: PickedUser | null;
  onChange: (user: PickedUser | null) => void;
}) {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(input.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [input]);
  // While a picked user's label is shown in the box, the list offers everyone, not that label.
  const searching = value && input === label(value) ? '' : q;
  const search = useQuery(labQueries.userSearch(searching));

  return (
    <Autocomplete<PickedUser>
      options={search.data?.items ?? []}
      value={value}
      onChange={(_event, user) => onChange(user)}
      inputValue={input}
      onInputChange={(_event, text) => setInput(text)}
      getOptionLabel={label}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      // The server searches: show what it answered, unfiltered.
      filterOptions={(options) => options}
      loading={search.isFetching}
      noOptionsText={search.isError ? 'The search failed: try again.' : 'No users match'}
      renderOption={({ key, ...props }, user) => (
        <Box component="li" key={key} {...props} sx={{ display: 'flex', gap: 1.5 }}>
          <Box sx={{ flexGrow: 1, minWidth: 0 }}>
            <Typography variant="body2">{user.displayName}</Typography>
            <Typography variant="caption" color="text.secondary">
              {user.email}
            </Typography>
          </Box>
          <UserStatusChip status={user.status} />
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label="Find a user"
          placeholder="Name or email"
          slotProps={{
            ...params.slotProps,
            input: {
              ...params.slotProps.input,
              endAdornment: (
                <>
                  {search.isFetching && <CircularProgress size={16} aria-hidden />}
                  {params.slotProps.input.endAdornment}
                </>
              ),
            },
          }}
        />
      )}
      sx={{ maxWidth: 560 }}
    />
  );
}

function label(user: PickedUser): string {
  return `${user.displayName} (${user.email})`;
}
