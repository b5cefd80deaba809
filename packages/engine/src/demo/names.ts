import type { Random } from './random.ts';

const FIRST_NAMES = [
  'Aaliyah', 'Aarav', 'Abigail', 'Adam', 'Adrian', 'Aisha', 'Alejandro', 'Alice', 'Amara', 'Amelia', 'Ana', 'Andrea',
  'Andrew', 'Anna', 'Arjun', 'Ava', 'Benjamin', 'Bianca', 'Brian', 'Carla', 'Carlos', 'Caroline', 'Charlotte', 'Chen',
  'Chloe', 'Christopher', 'Claire', 'Daniel', 'David', 'Diana', 'Diego', 'Dmitri', 'Elena', 'Elijah', 'Elizabeth',
  'Emily', 'Emma', 'Ethan', 'Fatima', 'Felix', 'Fernando', 'Fiona', 'François', 'Gabriel', 'Grace', 'Hana', 'Hannah',
  'Harper', 'Henry', 'Hiroshi', 'Isabella', 'Isaac', 'Ivan', 'Jack', 'James', 'Jane', 'Javier', 'Jessica', 'John',
  'José', 'Julia', 'Kai', 'Karen', 'Kenji', 'Laura', 'Leah', 'Leo', 'Liam', 'Lily', 'Lucas', 'Lucía', 'Łukasz', 'Maria',
  'Mark', 'Mateo', 'Maya', 'Mei', 'Mia', 'Michael', 'Mohammed', 'Nadia', 'Naomi', 'Nathan', 'Noah', 'Nora', 'Olivia',
  'Omar', 'Oscar', 'Paul', 'Priya', 'Rachel', 'Rafael', 'Ravi', 'Rebecca', 'Ryan', 'Samuel', 'Sara', 'Sofia', 'Søren',
  'Sophie', 'Stefan', 'Thomas', 'Valentina', 'Victor', 'William', 'Yuki', 'Zoë', 'Zoe',
];

const LAST_NAMES = [
  'Adams', 'Ahmed', 'Alvarez', 'Andersen', 'Bailey', 'Baker', 'Bauer', 'Becker', 'Bennett', 'Bernard', 'Brooks',
  'Brown', 'Campbell', 'Carter', 'Castillo', 'Chen', 'Clark', 'Collins', 'Cooper', 'Cruz', 'Davies', 'Davis', 'Dubois',
  'Edwards', 'Evans', 'Fernández', 'Fischer', 'Fisher', 'Flores', 'Foster', 'García', 'Gómez', 'González', 'Gray',
  'Green', 'Gupta', 'Hall', 'Harris', 'Hayes', 'Hernández', 'Hill', 'Hoffmann', 'Hughes', 'Ivanov', 'Jackson',
  'Jansen', 'Johnson', 'Jones', 'Kaur', 'Kelly', 'Khan', 'Kim', 'King', 'Klein', 'Kowalski', 'Kumar', 'Lambert', 'Lee',
  'Lewis', 'Li', 'Lopez', 'Martin', 'Martínez', 'Meyer', 'Miller', 'Mitchell', 'Moore', 'Morales', 'Moreau', 'Morgan',
  'Müller', 'Murphy', 'Nakamura', 'Nguyen', "O'Brien", 'Okafor', 'Olsen', 'Park', 'Patel', 'Perez', 'Peters', 'Phillips',
  'Price', 'Ramírez', 'Reddy', 'Reyes', 'Richter', 'Rivera', 'Roberts', 'Robinson', 'Rodríguez', 'Rossi', 'Russo',
  'Sánchez', 'Santos', 'Sato', 'Schmidt', 'Schneider', 'Scott', 'Shah', 'Silva', 'Singh', 'Smith', 'Suzuki', 'Tanaka',
  'Taylor', 'Thomas', 'Thompson', 'Torres', 'Turner', 'Wagner', 'Walker', 'Wang', 'Ward', 'Watanabe', 'Weber', 'White',
  'Williams', 'Wilson', 'Wong', 'Wood', 'Wright', 'Yamamoto', 'Young', 'Zhang', 'Zimmermann',
];

const SPECIAL_LETTERS: Record<string, string> = { ł: 'l', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd' };

/** "Łukasz O'Brien" → "lukasz", "obrien": how mail local parts spell names (ASCII letters only). */
export function asciiWord(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łøßæœđ]/g, (char) => SPECIAL_LETTERS[char] ?? '')
    .replace(/[^a-z0-9]/g, '');
}

export interface PersonName {
  first: string;
  last: string;
  displayName: string;
  /** Unique within the organization: `first.last`, then `first.last2`, `first.last3`, … */
  localPart: string;
}

/** Hands out realistic names with unique mail local parts (shared by cloud and on-premises-only users). */
export class NameAllocator {
  readonly #taken = new Map<string, number>();

  next(random: Random): PersonName {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const base = `${asciiWord(first)}.${asciiWord(last)}`;
    const count = (this.#taken.get(base) ?? 0) + 1;
    this.#taken.set(base, count);
    return { first, last, displayName: `${first} ${last}`, localPart: count === 1 ? base : `${base}${count}` };
  }
}
