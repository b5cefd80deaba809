import { createTheme } from '@mui/material/styles';

/** A quiet, dense control-hub look: neutral greys, one blue accent, outlined surfaces. */
export const theme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: '#0a64d8', dark: '#0750b0', light: '#e8f1fd' },
    info: { main: '#1170cf', dark: '#0b4f95' },
    success: { main: '#1d8a4e', dark: '#146b3b' },
    warning: { main: '#d98a00', dark: '#8a5700' },
    error: { main: '#d4372c', dark: '#a3251c' },
    background: { default: '#f4f6f8', paper: '#ffffff' },
    text: { primary: '#1d2127', secondary: '#5b6470' },
    divider: '#e1e4e8',
  },
  shape: { borderRadius: 8 },
  typography: {
    fontFamily: '"Inter", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    fontSize: 14,
    h4: { fontSize: '1.5rem', fontWeight: 600, letterSpacing: '-0.01em' },
    h5: { fontSize: '1.25rem', fontWeight: 600 },
    h6: { fontSize: '1.05rem', fontWeight: 600 },
    subtitle1: { fontSize: '0.95rem' },
    button: { textTransform: 'none', fontWeight: 600 },
  },
  components: {
    MuiButtonBase: { defaultProps: { disableRipple: false } },
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiPaper: { defaultProps: { elevation: 0 } },
    MuiTableCell: {
      styleOverrides: {
        head: { fontWeight: 600, color: '#5b6470', backgroundColor: '#fafbfc', lineHeight: 1.3 },
      },
    },
    MuiTooltip: { defaultProps: { arrow: true } },
    MuiLink: { defaultProps: { underline: 'hover' } },
  },
});
