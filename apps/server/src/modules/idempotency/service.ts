// Idempotency-Key on creating requests (Stripe's semantics, IETF
// draft-ietf-httpapi-idempotency-key-header): a key is scoped to its tenant, caller and
// route and stored with a fingerprint of the request. The key row is written by the
// creating transaction itself (see `Claim`), so a committed ticket always has its key: a
// retry after a crash between the commit and the answer finds the ticket, never makes a
// second one. Concurrent requests with one key wait for the first to commit (at most
// CLAIM_WAIT_MS, then 409 IDEMPOTENCY_IN_PROGRESS) and answer what it answered. A request
// that fails leaves no key (its transaction rolled back), so the client may retry it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { checkKey, requestHash } from './key.js';
import { idempotencyRepository, type KeyId } from './repository.js';

/** What a route knows of a keyed request: the header as sent, and who sent it. */
export interface Keyed {
  /** The Idempotency-Key header, undefined when absent (then nothing is kept). */
  key: string | string[] | undefined;
  /** `user:<id>`, `token:<id>` or `public`. */
  caller: string;
}

/**
 * Written first in the creating transaction, with the id the ticket will get: it inserts
 * the key, or throws when another request holds it (the transaction then rolls back).
 */
export type Claim = (trx: Kysely<DB>, ticketId: string) => Promise<void>;

/** An answer to send: the first one, or its replay. */
export interface Kept<T> {
  status: number;
  body: T;
  /** Sent as `Idempotent-Replayed: true`. */
  replayed: boolean;
}

/** How long keys are kept when IDEMPOTENCY_TTL_HOURS is not set. */
export const DEFAULT_TTL_HOURS = 24;

/** A key row without its stored answer younger than this is still being answered. */
const ANSWER_GRACE_MS = 10_000;
const POLL_MS = 20;
/** Rows deleted per sweep call. */
const SWEEP_BATCH = 500;

/** Thrown inside the creating transaction when the key is taken: rolls it back. */
class KeyTaken extends Error {}

export function idempotencyService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  ttlHours: number;
  /** How long a request waits for another holding its key to commit (default 10 s). */
  claimWaitMs?: number;
}) {
  const { db, clock } = deps;
  const repo = idempotencyRepository(db);
  const ttlMs = deps.ttlHours * 3_600_000;
  const notBefore = () => new Date(clock.now().getTime() - ttlMs);

  /** The stored answer, or the one rebuilt from the ticket when none was stored. */
  async function replay<T>(
    id: KeyId,
    hash: string,
    status: number,
    rebuild: (ticketId: string) => Promise<T>,
  ): Promise<Kept<T>> {
    let row = await repo.find(id, notBefore());
    // The key row is only ever visible once its ticket committed.
    if (!row) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    if (row.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    // The first request stores its answer right after its commit: wait for it a little,
    // so every retry gets exactly that answer. Past the grace it crashed before storing.
    for (let waited = 0; row && row.response_status === null; waited += POLL_MS) {
      const age = clock.now().getTime() - row.created_at.getTime();
      if (age >= ANSWER_GRACE_MS || waited >= ANSWER_GRACE_MS) break;
      await sleep(POLL_MS);
      row = await repo.find(id, notBefore());
    }
    if (!row) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    if (row.response_status !== null) {
      return { status: row.response_status, body: row.response_body as T, replayed: true };
    }
    const body = await rebuild(row.ticket_id);
    await repo.storeResponse(id, status, body);
    return { status, body, replayed: true };
  }

  return {
    /**
     * Runs a creating request under its Idempotency-Key: a replay when the key is known
     * (422 IDEMPOTENCY_KEY_REUSED when the body differs), else `execute` with a Claim to
     * write in its transaction, then the answer stored. `rebuild` answers a key whose
     * answer was never stored, from the ticket it created.
     */
    async run<T>(
      req: Keyed & { tenantId: string; route: string; body: unknown },
      status: number,
      execute: (claim: Claim | undefined) => Promise<{ ticketId: string; body: T }>,
      rebuild: (ticketId: string) => Promise<T>,
    ): Promise<Kept<T>> {
      const key = checkKey(req.key);
      if (key === undefined)
        return { status, body: (await execute(undefined)).body, replayed: false };
      const id: KeyId = { tenantId: req.tenantId, caller: req.caller, route: req.route, key };
      const hash = requestHash(req.body);
      if (await repo.find(id, notBefore())) return replay(id, hash, status, rebuild);
      let created;
      try {
        created = await execute(async (trx, ticketId) => {
          const claimed = await idempotencyRepository(trx)
            .claim(
              id,
              { requestHash: hash, ticketId, at: clock.now() },
              notBefore(),
              deps.claimWaitMs,
            )
            .catch((err: { code?: string }) => {
              // Still held by an uncommitted request after the wait.
              if (err.code === '55P03') throw new AppError('IDEMPOTENCY_IN_PROGRESS');
              throw err;
            });
          if (!claimed) throw new KeyTaken();
        });
      } catch (err) {
        if (err instanceof KeyTaken) return replay(id, hash, status, rebuild);
        throw err;
      }
      await repo.storeResponse(id, status, created.body);
      // Housekeeping on insert: a batch of expired keys goes (a sweep holding them is skipped).
      await repo.deleteExpired(notBefore(), SWEEP_BATCH);
      return { status, body: created.body, replayed: false };
    },

    /** Deletes the expired keys (older than IDEMPOTENCY_TTL_HOURS); returns how many. */
    async sweep(): Promise<number> {
      let total = 0;
      for (;;) {
        const n = await repo.deleteExpired(notBefore(), SWEEP_BATCH);
        total += n;
        if (n < SWEEP_BATCH) return total;
      }
    },
  };
}
export type IdempotencyService = ReturnType<typeof idempotencyService>;
