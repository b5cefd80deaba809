import CssBaseline from '@mui/material/CssBaseline';
// The system's provider: the theme has no CSS variables, and @mui/material/styles' own would
// bring their machinery (color-scheme storage, the init script) along.
import { ThemeProvider } from '@mui/system';
import type { ReactNode } from 'react';
import { theme } from './theme.ts';

/** MUI's theme and baseline for what is drawn with MUI: the screens, dialogs and snackbars. */
export default function ScreenTheme({ children }: { children: ReactNode }) {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}
