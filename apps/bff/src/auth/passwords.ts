import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * Argon2id, memory-hard, at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about
 * 40 ms a hash here, computed on libuv's thread pool so the event loop keeps serving requests.
 * @node-rs/argon2 ships prebuilt binaries in npm packages: nothing to compile.
 */
const ARGON2ID_OPTIONS = {
  algorithm: 2 as Algorithm, // Argon2id (the package's const enum cannot be imported as a value)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** Passwords set through the console's own tools are at least this long (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;

/** A PHC string carrying the algorithm, its parameters, a random salt and the hash. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash opens nothing
  }
}

/**
 * A hash no password matches, verified when the email names no account, so that a sign-in
 * for an unknown address takes as long as one with a wrong password: the time of the answer
 * does not tell which accounts exist.
 */
let decoy: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(32).toString('base64url'));
  await verifyPassword(await decoy, password);
  return false;
}
