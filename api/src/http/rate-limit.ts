import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type ClientRateLimitInfo, type Store } from 'express-rate-limit';
import type { Clock } from '../clock';
import { AppError } from '../errors/app-error';
import type { AuthMiddleware } from './route';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Not counted: the bot's endpoint is called by the Bot Connector on behalf of whole
 * conversations (and authenticated by it, not by Tandem sign-in), and the dev token
 * endpoint exists only in AUTH_MODE=dev, where tests and demos sign in dozens of
 * people from one address; it writes nothing a person chose.
 */
const EXEMPT_PATHS = new Set(['/api/messages', '/api/dev/token']);

export interface WriteRateLimitOptions {
  /** writes per window per person; 0 turns limiting off */
  limit: number;
  clock: Clock;
  windowMs?: number;
}

export interface WriteRateLimit {
  /** counts writes that carry no bearer token, by client address (mount before the routes) */
  anonymous: RequestHandler;
  /** the auth middleware with signed-in writes counted per person once the person is known */
  withAuth(auth: AuthMiddleware): AuthMiddleware;
}

/**
 * Per-person limit on changes, so one runaway client or stolen token can't flood the
 * database. The count is per instance (in memory); README explains the N× effect.
 */
export function writeRateLimit(options: WriteRateLimitOptions): WriteRateLimit {
  if (options.limit <= 0) {
    const pass: RequestHandler = (_req, _res, next) => next();
    return { anonymous: pass, withAuth: (auth) => auth };
  }
  const windowMs = options.windowMs ?? 60_000;
  const limiter = rateLimit({
    windowMs,
    limit: options.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: new ClockStore(options.clock, windowMs),
    // Only writes reach it (writesOnly below). The signed-in mount sees req.user; the anonymous
    // mount only counts requests without a bearer token (those with one are counted after
    // sign-in, so no request counts twice).
    skip: (req) => EXEMPT_PATHS.has(pathOf(req.originalUrl)) || (!req.user && Boolean(req.headers.authorization)),
    keyGenerator: (req) => (req.user ? `user:${req.user.id}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`),
    handler: (_req, res, next) => {
      const seconds = Number(res.getHeader('Retry-After') ?? Math.ceil(windowMs / 1000));
      next(
        new AppError(
          'rate-limited',
          `You have made more than ${options.limit} changes in ${describeWindow(windowMs)}. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
        ),
      );
    },
  });
  // Reads never count, so they skip the limiter's asynchronous round trip altogether.
  const writesOnly: RequestHandler = (req, res, next) => (WRITE_METHODS.has(req.method) ? limiter(req, res, next) : next());
  return {
    anonymous: writesOnly,
    withAuth: (auth) => ({
      requireUser: (req, res, next) => {
        // requireUser is async and throws; a rejection must reach Express as next(error).
        Promise.resolve(auth.requireUser(req, res, (error?: unknown) => (error ? next(error) : writesOnly(req, res, next)))).catch(next);
      },
    }),
  };
}

function pathOf(url: string): string {
  const path = url.split('?')[0] ?? url;
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function describeWindow(ms: number): string {
  return ms === 60_000 ? 'a minute' : `${Math.round(ms / 1000)} seconds`;
}

interface Window {
  hits: number;
  endsAtMs: number;
}

/**
 * A fixed-window counter on the injected clock, so tests can move past a window.
 * express-rate-limit computes its headers from the wall clock, so the reset time it
 * gets is the remaining window added to the wall clock's now.
 */
class ClockStore implements Store {
  readonly localKeys = true;
  private readonly windows = new Map<string, Window>();
  private nextSweepMs = 0;

  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number,
  ) {}

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const window = this.current(key, this.clock.now().getTime());
    return window && this.info(window, this.clock.now().getTime());
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.clock.now().getTime();
    this.sweep(now);
    let window = this.current(key, now);
    if (!window) {
      window = { hits: 0, endsAtMs: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return this.info(window, now);
  }

  async decrement(key: string): Promise<void> {
    const window = this.current(key, this.clock.now().getTime());
    if (window && window.hits > 0) window.hits -= 1;
  }

  async resetKey(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async resetAll(): Promise<void> {
    this.windows.clear();
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    return window && window.endsAtMs > now ? window : undefined;
  }

  private info(window: Window, now: number): ClientRateLimitInfo {
    return { totalHits: window.hits, resetTime: new Date(Date.now() + (window.endsAtMs - now)) };
  }

  /** Memory stays bounded by the people active in the last window. */
  private sweep(now: number): void {
    if (now < this.nextSweepMs) return;
    this.nextSweepMs = now + this.windowMs;
    for (const [key, window] of this.windows) if (window.endsAtMs <= now) this.windows.delete(key);
  }
}
