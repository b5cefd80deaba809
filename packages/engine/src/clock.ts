/** The engine's only source of time; tests pass a fake one they can move forward. */
export interface Clock {
  now(): number;
}

// The one place the engine reads the wall clock (exempted in eslint.config.js): everything else
// asks the injected Clock.
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start: number | Date = Date.UTC(2026, 10, 2, 9, 0, 0)) {
    this.#now = typeof start === 'number' ? start : start.getTime();
  }
  now(): number {
    return this.#now;
  }
  advance(ms: number): void {
    this.#now += ms;
  }
  set(at: number): void {
    this.#now = at;
  }
}
