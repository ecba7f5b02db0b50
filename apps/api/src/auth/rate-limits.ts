// Request limits per API key (or signed-in user) and against password guessing, with
// rate-limiter-flexible's PostgreSQL store: the counters live in the `rate_limits` table, so
// every api process shares them. Each key gets a fixed one-minute window of
// `rateLimitPerMinute` requests (the key's own, else the platform default).
import pg from 'pg';
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

export interface RateLimitOptions {
  databaseUrl: string;
  defaultPerMinute: number;
  /** failed sign-ins allowed per email per `signInWindowSeconds` */
  signInAttempts: number;
  signInWindowSeconds: number;
}

export class RateLimits {
  private readonly pool: pg.Pool;
  private readonly perLimit = new Map<number, RateLimiterPostgres>();
  private readonly signIn: RateLimiterPostgres;

  constructor(private readonly options: RateLimitOptions) {
    this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
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
  async consumeRequest(subject: string, perMinute: number | null): Promise<RateLimitState> {
    const limit = perMinute ?? this.options.defaultPerMinute;
    let limiter = this.perLimit.get(limit);
    if (!limiter)
      this.perLimit.set(limit, (limiter = this.limiter(`req${limit}`, limit, WINDOW_SECONDS)));
    try {
      const res = await limiter.consume(subject);
      return { limit, remaining: res.remainingPoints, resetSeconds: secondsOf(res) };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const state = { limit, remaining: 0, resetSeconds: secondsOf(error) };
      throw new AppError('RATE_LIMITED', `rate limit of ${limit} requests per minute exceeded`, {
        retryAfterSeconds: state.resetSeconds,
        rateLimit: state,
      });
    }
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
