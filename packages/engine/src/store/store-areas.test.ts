import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory/memory-store.ts';
import { STORE_AREAS } from './store-areas.ts';

describe('the store port in areas', () => {
  const names = Object.values(STORE_AREAS).flatMap((area) => Object.keys(area));

  it('names each method in one area only (an adapter forwards it to that area)', () => {
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives an adapter built from the list every method of every area', () => {
    const store = new MemoryStore() as unknown as Record<string, unknown>;
    for (const name of names) expect(typeof store[name], name).toBe('function');
  });
});
