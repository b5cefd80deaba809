import { describe, expect, it } from 'vitest';
import { labEntries } from './lab-directory.ts';

type Entry = { id: string; impClusterId: string; mailid: string; connected: boolean };
const entry = (id: string, impClusterId: string, mailid: string, connected = true): Entry => ({
  id,
  impClusterId,
  mailid,
  connected,
});
const roles = (entries: Entry[]) => labEntries('u1', 'Ann@T.example', entries, (e) => e.connected);

describe('labEntries', () => {
  it('takes the Lab entry first, then a connected entry with the email as mailid', () => {
    const own = entry('lab-u1', 'far', 'x@t.example', false);
    const home = entry('d9', 'c1', 'ann@t.example');
    const other = entry('d1', 'c1', 'x@t.example');
    expect(roles([other, home, own]).main).toBe(own);
    expect(roles([other, home]).main).toBe(home);
    expect(roles([entry('d2', 'far', 'ann@t.example', false), other]).main).toBe(other);
  });

  it('lists the same mailid on other clusters as duplicates, never an entry without mailid', () => {
    const main = entry('d1', 'c1', 'ann@t.example');
    const dup = entry('lab-u1-dup', 'c2', 'ANN@t.example');
    const sameCluster = entry('d2', 'c1', 'ann@t.example');
    expect(roles([main, dup, sameCluster])).toEqual({ main, duplicates: [dup] });
    const blank = entry('d1', 'c1', '');
    expect(roles([blank, entry('d3', 'c2', '')]).duplicates).toEqual([]);
    // Only the duplicate left: it is what there is to edit.
    expect(roles([dup]).main).toBe(dup);
    expect(roles([])).toEqual({ main: undefined, duplicates: [] });
  });
});
