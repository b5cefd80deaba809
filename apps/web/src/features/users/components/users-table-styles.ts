import { alpha, darken, lighten, type Theme } from '@mui/material/styles';
import { visuallyHidden } from '../../../components/visually-hidden.ts';
import { toneColors, type StatusTone } from '../../../components/status-chip.tsx';

/**
 * The Users grid's body is plain table elements styled by these few classes from ONE style rule
 * on the table, not hundreds of MUI components: a page of 50 rows was ~700 styled components
 * (cells, checkboxes, chips, links), and serializing and inserting their styles was most of the
 * screen's main-thread time on a first visit (issue 12). The look is MUI's small table, its
 * checkbox colour and the console's status pill (StatusChip).
 */
export const gridClass = {
  row: 'users-grid-row',
  cell: 'users-grid-cell',
  checkboxCell: 'users-grid-checkbox-cell',
  checkbox: 'users-grid-checkbox',
  name: 'users-grid-name',
  status: 'users-grid-status',
  statusCell: 'users-grid-status-cell',
  errorCode: 'users-grid-error-code',
  secondary: 'users-grid-secondary',
  none: 'users-grid-none',
  hidden: 'users-grid-hidden',
  ellipsis: 'users-grid-ellipsis',
} as const;

const ROW_HEIGHT = 44;
const TONES: readonly StatusTone[] = ['default', 'info', 'success', 'warning', 'error'];

const c = (name: string) => `& .${name}`;

/** The table's `sx`: header and body cells, the grid's focus ring and the body's classes. */
export function usersTableSx(theme: Theme) {
  const tones = Object.fromEntries(
    TONES.map((tone) => {
      const colors = toneColors(theme, tone);
      return [
        `${c(gridClass.status)}[data-tone="${tone}"]`,
        {
          backgroundColor: colors.bg,
          color: colors.fg,
          '&::before': { backgroundColor: colors.dot },
        },
      ];
    }),
  );
  return {
    tableLayout: 'fixed',
    minWidth: 960,
    '& th, & td': {
      height: ROW_HEIGHT,
      py: 0,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    },
    '& [role="gridcell"]:focus-visible, & [role="columnheader"]:focus-visible': {
      outline: '2px solid',
      outlineColor: 'primary.main',
      outlineOffset: -2,
    },
    [c(gridClass.row)]: {
      cursor: 'pointer',
      '&:hover': { backgroundColor: theme.palette.action.hover },
      '&[aria-selected="true"]': {
        backgroundColor: alpha(theme.palette.primary.main, theme.palette.action.selectedOpacity),
      },
    },
    [c(gridClass.cell)]: {
      ...theme.typography.body2,
      color: theme.palette.text.primary,
      padding: '0 16px',
      // MUI TableCell's own line, so the body's rows match the header's.
      borderBottom: `1px solid ${
        theme.palette.mode === 'light'
          ? lighten(alpha(theme.palette.divider, 1), 0.88)
          : darken(alpha(theme.palette.divider, 1), 0.68)
      }`,
      textAlign: 'left',
    },
    [c(gridClass.checkboxCell)]: { padding: '0 0 0 4px', textAlign: 'center' },
    [c(gridClass.checkbox)]: {
      width: 18,
      height: 18,
      margin: 0,
      cursor: 'pointer',
      verticalAlign: 'middle',
      accentColor: theme.palette.primary.main,
    },
    [c(gridClass.name)]: {
      color: 'inherit',
      fontWeight: 500,
      textDecoration: 'none',
      '&:hover': { textDecoration: 'underline' },
    },
    [c(gridClass.statusCell)]: { display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 },
    [c(gridClass.status)]: {
      display: 'inline-flex',
      alignItems: 'center',
      flexShrink: 0,
      height: 22,
      borderRadius: '11px',
      paddingRight: 1,
      fontSize: theme.typography.pxToRem(13),
      fontWeight: 500,
      lineHeight: 1,
      '&::before': {
        content: '""',
        width: 6,
        height: 6,
        borderRadius: '50%',
        marginLeft: 1,
        marginRight: 1,
        flexShrink: 0,
      },
    },
    ...tones,
    [c(gridClass.errorCode)]: {
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
      fontSize: 11,
      color: theme.palette.text.secondary,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    },
    [c(gridClass.secondary)]: { color: theme.palette.text.secondary },
    [c(gridClass.none)]: { color: theme.palette.text.disabled },
    [c(gridClass.ellipsis)]: {
      display: 'block',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    },
    [c(gridClass.hidden)]: visuallyHidden,
  } as const;
}
