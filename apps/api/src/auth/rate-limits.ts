// Request limits per API key (or signed-in user) and against password guessing, with
// rate-limiter-flexible's PostgreSQL store: the counters live in the `rate_limits` table, so
// every api process shares them. Each key gets a fixed one-minute window of
// `rateLimitPerMinute` requests (the key's own, else the platform default).
//
// A busy key's requests are counted together: those that arrive while its counter update is in
// flight go into the next update, as one increment by their number. The answers are those of
// counting them one by one in that order (the first ones within the limit pass, the rest are
// refused), for one round trip per group instead of one per request: the round trips were the
// largest single cost in the api's profile of a busy key (a socket write to PostgreSQL each).
import { createSqlPool, type SqlPool } from '@modelhub/db';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../app-error.ts';

const TABLE = 'rate_limits';
const WINDOW_SECONDS = 60;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** seconds until the window resets */
  resetSeconds: number;
}

interface CountedRequest {
  resolve: (state: RateLimitState) => void;
  reject: (error: unknown) => void;
}

export interface RateLimitOptions {
  databaseUrl: string;
  defaultPerMinute: number;
  /** failed sign-ins allowed per email per `signInWindowSeconds` */
  signInAttempts: number;
  signInWindowSeconds: number;
}

export class RateLimits {
  private readonly pool: SqlPool;
  private readonly perLimit = new Map<number, RateLimiterPostgres>();
  private readonly signIn: RateLimiterPostgres;
  /** requests waiting for the update in flight of their subject's counter, by limit and subject */
  private readonly counting = new Map<string, CountedRequest[]>();

  constructor(private readonly options: RateLimitOptions) {
    // The shared pool factory: a connection PostgreSQL drops (a restart, a failover) is replaced,
    // not an unheard error event that ends the process.
    this.pool = createSqlPool(options.databaseUrl, { maxConnections: 4 });
    this.signIn = this.limiter('signin', options.signInAttempts, options.signInWindowSeconds);
  }

  private limiter(prefix: string, points: number, duration: number): RateLimiterPostgres {
    return new RateLimiterPostgres({
      storeClient: this.pool,
      storeType: 'pool',
      tableName: TABLE,
      tableCreated: true, // by a migration: the api's role may not create tables
      keyPrefix: prefix,
      points,
      duration,
    });
  }

  /** Counts one request for `subject`; RATE_LIMITED (429) once its window is used up. */
  consumeRequest(subject: string, perMinute: number | null): Promise<RateLimitState> {
    const limit = perMinute ?? this.options.defaultPerMinute;
    const key = `${limit}:${subject}`;
    return new Promise((resolve, reject) => {
      const counting = this.counting.get(key);
      if (counting) {
        counting.push({ resolve, reject });
        return;
      }
      this.counting.set(key, []);
      void this.count(key, subject, limit, [{ resolve, reject }]);
    });
  }

  /** Counts `requests` in one update, then the requests that arrived meanwhile, until none. */
  private async count(key: string, subject: string, limit: number, requests: CountedRequest[]) {
    let limiter = this.perLimit.get(limit);
    if (!limiter)
      this.perLimit.set(limit, (limiter = this.limiter(`req${limit}`, limit, WINDOW_SECONDS)));
    while (requests.length > 0) {
      let res: RateLimiterRes | undefined;
      try {
        res = await limiter.consume(subject, requests.length);
      } catch (error) {
        if (error instanceof RateLimiterRes) res = error;
        else for (const request of requests) request.reject(error);
      }
      if (res) answer(requests, res, limit);
      requests = this.counting.get(key)!.splice(0);
    }
    this.counting.delete(key);
  }

  /** RATE_LIMITED while `email` has used up its failed sign-in attempts. */
  async assertSignInAllowed(email: string): Promise<void> {
    const res = await this.signIn.get(email);
    if (res && res.consumedPoints >= this.options.signInAttempts) {
      const seconds = secondsOf(res);
      throw new AppError('RATE_LIMITED', `too many failed sign-ins; try again in ${seconds} s`, {
        retryAfterSeconds: seconds,
      });
    }
  }

  async recordFailedSignIn(email: string): Promise<void> {
    await this.signIn.penalty(email, 1);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function secondsOf(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** The standard RateLimit headers (IETF draft) for a response. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'ratelimit-limit': String(state.limit),
    'ratelimit-remaining': String(state.remaining),
    'ratelimit-reset': String(state.resetSeconds),
    'ratelimit-policy': `${state.limit};w=${WINDOW_SECONDS}`,
  };
}

/** Answers `requests`, counted together as the last `requests.length` points of `res`, as if
 * each had been counted alone in turn: those within the limit pass, the rest are refused. */
function answer(requests: CountedRequest[], res: RateLimiterRes, limit: number): void {
  const resetSeconds = secondsOf(res);
  const countedBefore = res.consumedPoints - requests.length;
  requests.forEach((request, i) => {
    const position = countedBefore + i + 1;
    if (position <= limit) {
      request.resolve({ limit, remaining: limit - position, resetSeconds });
      return;
    }
    const state = { limit, remaining: 0, resetSeconds };
    request.reject(
      new AppError('RATE_LIMITED', `rate limit of ${limit} requests per minute exceeded`, {
        retryAfterSeconds: resetSeconds,
        rateLimit: state,
      }),
    );
  });
}
