import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  AuditAction,
  AuditOutcome,
  RequestId,
} from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState, type KeyboardEvent, type FocusEvent } from 'react';
import { hasFilters, type AuditFilters } from '../api/audit-filters.ts';

type FilterChange = (next: Partial<AuditFilters>) => void;

/**
 * A text filter applied when the admin is done typing it (Enter, or leaving the field), not at
 * every key. Keyed by its applied value, so clearing the filters elsewhere empties it too. What
 * `invalid` refuses is not applied: the field says why instead.
 */
function TextFilter({
  label,
  value,
  apply,
  width,
  invalid,
}: {
  label: string;
  value: string | undefined;
  apply: (value: string | undefined) => void;
  width: number;
  invalid?: (text: string) => string | undefined;
}) {
  const [problem, setProblem] = useState<string>();
  const commit = (text: string) => {
    const next = text.trim() || undefined;
    const why = next === undefined ? undefined : invalid?.(next);
    setProblem(why);
    if (!why && next !== value) apply(next);
  };
  return (
    <TextField
      key={value ?? ''}
      size="small"
      label={label}
      defaultValue={value ?? ''}
      error={problem !== undefined}
      helperText={problem}
      sx={{ width }}
      onBlur={(event: FocusEvent<HTMLInputElement>) => commit(event.target.value)}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
        if (event.key === 'Enter') commit((event.target as HTMLInputElement).value);
      }}
    />
  );
}

/** One of a few values, or all of them (the empty choice, shown by name). */
function SelectFilter({
  label,
  all,
  options,
  value,
  apply,
  width,
}: {
  label: string;
  all: string;
  options: readonly (readonly [string, string])[];
  value: string | undefined;
  apply: (value: string) => void;
  width: number;
}) {
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value ?? ''}
      onChange={(event) => apply(event.target.value)}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      sx={{ width }}
    >
      <MenuItem value="">{all}</MenuItem>
      {options.map(([option, name]) => (
        <MenuItem key={option} value={option}>
          {name}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** A calendar day; the browser's own date picker. */
function DayFilter({
  label,
  field,
  value,
  apply,
}: {
  label: string;
  field: 'from' | 'to';
  value?: string;
  apply: FilterChange;
}) {
  return (
    <TextField
      size="small"
      type="date"
      label={label}
      value={value ?? ''}
      onChange={(event) => apply({ [field]: event.target.value || undefined })}
      slotProps={{ inputLabel: { shrink: true } }}
      sx={{ width: 160 }}
    />
  );
}

export function AuditFiltersBar({
  filters,
  onChange,
}: {
  filters: AuditFilters;
  onChange: FilterChange;
}) {
  return (
    <Box
      role="search"
      aria-label="Filter the audit log"
      sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}
    >
      <TextFilter
        label="Who (email)"
        value={filters.actor}
        apply={(actor) => onChange({ actor })}
        width={200}
      />
      <SelectFilter
        label="Action"
        all="All actions"
        options={AUDIT_ACTIONS.map((action) => [action, AUDIT_ACTION_LABELS[action]] as const)}
        value={filters.action}
        apply={(value) => {
          const action = AuditAction.safeParse(value);
          onChange({ action: action.success ? action.data : undefined });
        }}
        width={220}
      />
      <TextFilter
        label="Target id"
        value={filters.targetId}
        apply={(targetId) => onChange({ targetId })}
        width={160}
      />
      <SelectFilter
        label="Result"
        all="All results"
        options={[
          ['succeeded', 'Succeeded'],
          ['failed', 'Failed'],
        ]}
        value={filters.result}
        apply={(value) => {
          const result = AuditOutcome.safeParse(value);
          onChange({ result: result.success ? result.data : undefined });
        }}
        width={140}
      />
      <DayFilter label="From" field="from" value={filters.from} apply={onChange} />
      <DayFilter label="To" field="to" value={filters.to} apply={onChange} />
      <TextFilter
        label="Request id"
        value={filters.requestId}
        apply={(requestId) => onChange({ requestId })}
        width={200}
        invalid={(text) =>
          RequestId.safeParse(text).success
            ? undefined
            : 'Not a request id: up to 64 letters, digits, . _ : -'
        }
      />
      {hasFilters(filters) && (
        <Button
          onClick={() =>
            onChange({
              actor: undefined,
              action: undefined,
              targetId: undefined,
              result: undefined,
              from: undefined,
              to: undefined,
              requestId: undefined,
            })
          }
        >
          Clear filters
        </Button>
      )}
    </Box>
  );
}
