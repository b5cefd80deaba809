/**
 * Show a table column only on wide windows, or its stand-in only on narrow ones. Below 1,200 px
 * (the drawer takes 224 of them) a column of its own would be pushed out of view, so its content
 * moves into a cell that stays.
 */
export const WIDE_ONLY = { display: { xs: 'none', lg: 'table-cell' } } as const;
export const NARROW_ONLY = { display: { xs: 'block', lg: 'none' } } as const;
