import { useState, type FocusEvent, type KeyboardEvent } from 'react';

const CELL = '[role="gridcell"], [role="columnheader"]';
/** Rows a Page Up or Page Down moves. */
const PAGE_ROWS = 10;

export interface GridKeyboardOptions {
  /** Rows that hold cells, the header row included (it is row 0). */
  rowCount: number;
  colCount: number;
  /**
   * Enter or Space on a cell itself (not on a control inside it, which answers by itself).
   * Returns whether it did something, so the key's default is kept otherwise.
   */
  onActivate: (row: number, col: number, key: 'Enter' | ' ') => boolean;
}

/**
 * The keyboard of the ARIA grid pattern (WAI-ARIA APG "Data Grid"): the grid is one stop in
 * the tab order — the cell last focused — and the arrow keys, Home and End (with Ctrl: the
 * first and last row), Page Up and Page Down move between cells. The cells are the table's own
 * (`rows[r].cells[c]`), so the hook keeps nothing but which cell is the tab stop.
 */
export function useGridKeyboard({ rowCount, colCount, onActivate }: GridKeyboardOptions) {
  const [active, setActive] = useState({ row: 0, col: 0 });
  // Rows go when a page has fewer: the tab stop then falls back to the nearest cell.
  const row = Math.max(0, Math.min(active.row, rowCount - 1));
  const col = Math.max(0, Math.min(active.col, colCount - 1));

  const cellOf = (event: { target: EventTarget }) => {
    const cell = (event.target as HTMLElement).closest<HTMLTableCellElement>(CELL);
    const tr = cell?.parentElement as HTMLTableRowElement | null | undefined;
    return cell && tr ? { cell, row: tr.rowIndex, col: cell.cellIndex } : undefined;
  };

  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    const at = cellOf(event);
    if (at && (at.row !== active.row || at.col !== active.col)) {
      setActive({ row: at.row, col: at.col });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const at = cellOf(event);
    if (!at) return;
    const last = rowCount - 1;
    let next: { row: number; col: number };
    switch (event.key) {
      case 'ArrowDown':
        next = { row: at.row + 1, col: at.col };
        break;
      case 'ArrowUp':
        next = { row: at.row - 1, col: at.col };
        break;
      case 'ArrowRight':
        next = { row: at.row, col: at.col + 1 };
        break;
      case 'ArrowLeft':
        next = { row: at.row, col: at.col - 1 };
        break;
      case 'PageDown':
        next = { row: at.row + PAGE_ROWS, col: at.col };
        break;
      case 'PageUp':
        next = { row: at.row - PAGE_ROWS, col: at.col };
        break;
      case 'Home':
        next = { row: event.ctrlKey ? 0 : at.row, col: 0 };
        break;
      case 'End':
        next = { row: event.ctrlKey ? last : at.row, col: colCount - 1 };
        break;
      case 'Enter':
      case ' ':
        if (event.target === at.cell && onActivate(at.row, at.col, event.key)) {
          event.preventDefault();
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    const target =
      event.currentTarget.rows[Math.max(0, Math.min(next.row, last))]?.cells[
        Math.max(0, Math.min(next.col, colCount - 1))
      ];
    target?.focus();
  };

  return {
    /** 0 for the one cell in the tab order, -1 for the others (focusable by click or keys). */
    tabIndexOf: (r: number, c: number) => (r === row && c === col ? 0 : -1),
    onFocus,
    onKeyDown,
  };
}
