import { describe, expect, it } from 'vitest';
import { csvRecords, neutralizeFormulas } from './csv-writer.ts';
import { liveFormulas, readCsv } from './testing/csv-reader.ts';

describe('neutralizeFormulas', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r'=1"],
    ['x\n=2*21', "x\n'=2*21"],
    ['x\r\n@A1', "x\r\n'@A1"],
    ['x\r+1\n-1', "x\r'+1\n'-1"],
    ['a\n\n=1', "a\n\n'=1"],
    ['Smith, "Jo"\nsecond line', 'Smith, "Jo"\nsecond line'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (cell, safe) => {
    expect(neutralizeFormulas(cell)).toBe(safe);
  });
});

describe('csvRecords', () => {
  it('ends every record with CRLF and quotes commas, quotes and every kind of line break', () => {
    expect(csvRecords([['a', 'b,c', 'say "hi"', 'x\ny', 'x\ry', 'x\r\ny', '']])).toBe(
      'a,"b,c","say ""hi""","x\ny","x\ry","x\r\ny",\r\n',
    );
  });

  it('reads back as one record per row, with no line a spreadsheet would run', () => {
    const rows = [
      ["\n=cmd|' /C calc'!A0", 'x\n=2*21', '\r\n@SUM(A1)'],
      ['\r-1', '\t+1', 'plain'],
    ];
    const text = csvRecords(rows);
    const records = readCsv(text);
    expect(records).toHaveLength(rows.length);
    expect(records.map((record) => record.length)).toEqual([3, 3]);
    expect(liveFormulas(text)).toEqual([]);
    expect(records[0]![1]).toBe("x\n'=2*21");
  });
});
