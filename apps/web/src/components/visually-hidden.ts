/**
 * Styles that hide text from the eye but not from assistive technology: a column header or a
 * field label that sighted admins get from the layout around it.
 */
export const visuallyHidden = {
  position: 'absolute',
  // Strings: in MUI's sx a bare 1 means 100 %.
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
