import { USER_STATUSES, type UserStatus } from '@hybrid-hub/contract';
import SearchIcon from '@mui/icons-material/Search';
import Box from '@mui/material/Box';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import { formatCount } from '../../../lib/format.ts';
import { isUserStatus } from '../api/user-list-params.ts';

const SEARCH_DELAY_MS = 300;
const ALL = 'all';

export interface UsersToolbarProps {
  q: string;
  status: UserStatus | undefined;
  total: number | undefined;
  onSearch: (q: string) => void;
  onStatus: (status: UserStatus | undefined) => void;
}

export function UsersToolbar({ q, status, total, onSearch, onStatus }: UsersToolbarProps) {
  // The box shows what is typed at once; the URL (and the query) follow once typing pauses.
  const [text, setText] = useState(q);
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    // The URL changed under us (back button, Clear filters): show what it says.
    setShownQ(q);
    setText(q);
  }
  // Only a pause in typing searches; a URL change alone must not.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const handleChange = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (value.trim() !== q) onSearch(value.trim());
    }, SEARCH_DELAY_MS);
  };

  return (
    <Box
      role="search"
      sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1.5, px: 2, py: 1.5 }}
    >
      <TextField
        type="search"
        label="Search users"
        size="small"
        value={text}
        onChange={(event) => handleChange(event.target.value)}
        sx={{ width: { xs: '100%', sm: 320 } }}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" aria-hidden />
              </InputAdornment>
            ),
          },
          htmlInput: { maxLength: 200 },
        }}
      />
      <TextField
        select
        label="Status"
        size="small"
        value={status ?? ALL}
        onChange={(event) =>
          onStatus(isUserStatus(event.target.value) ? event.target.value : undefined)
        }
        sx={{ width: 180 }}
      >
        <MenuItem value={ALL}>All</MenuItem>
        {USER_STATUSES.map((s) => (
          <MenuItem key={s} value={s}>
            {s}
          </MenuItem>
        ))}
      </TextField>
      <Box sx={{ flexGrow: 1 }} />
      <Typography
        variant="body2"
        color="text.secondary"
        aria-live="polite"
        sx={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {total === undefined ? '' : formatCount(total, 'user')}
      </Typography>
    </Box>
  );
}
