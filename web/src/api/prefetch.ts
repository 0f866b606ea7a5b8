import type { ApiClient } from './client';

/** A read the views make through useApiQuery: its key there, and how to load it. */
export interface ApiQuery<T> {
  key: string;
  load: (api: ApiClient, signal: AbortSignal) => Promise<T>;
}

/** An answer asked for before the view that needs it has rendered. */
export interface EarlyAnswer<T> {
  promise: Promise<T>;
  /** Set once the answer is in, so a view rendering after that can show it in its first paint. */
  data?: T;
}

// An answer nobody has taken this long after it was asked for is dropped: the view asking later
// should show what the server says then, not what it said when the page opened.
const MAX_AGE_MS = 10_000;

/**
 * The first view's reads, sent while the app's code is still loading (see app/startup.ts). Each
 * answer serves the first component that asks for its key, once; everything later goes to the
 * server as usual. Failed answers are never served: the component asks again itself, so errors
 * (and a 401's sign-out) take the normal path.
 */
export class Prefetch {
  private readonly answers = new Map<string, { answer: EarlyAnswer<unknown>; askedAt: number }>();

  constructor(private readonly api: ApiClient) {}

  start<T>(query: ApiQuery<T>): void {
    // Nothing aborts these: an answer nobody takes is simply dropped.
    const answer: EarlyAnswer<T> = { promise: query.load(this.api, new AbortController().signal) };
    answer.promise.then(
      (data) => {
        answer.data = data;
      },
      () => this.answers.delete(query.key),
    );
    this.answers.set(query.key, { answer, askedAt: performance.now() });
  }

  /** The answer for `key` if there is one to use, without taking it (for a first render). */
  peek<T>(key: string): EarlyAnswer<T> | undefined {
    const entry = this.answers.get(key);
    if (!entry) return undefined;
    if (performance.now() - entry.askedAt > MAX_AGE_MS) {
      this.answers.delete(key);
      return undefined;
    }
    return entry.answer as EarlyAnswer<T>;
  }

  /** Takes the answer for `key`: later askers go to the server. */
  take<T>(key: string): EarlyAnswer<T> | undefined {
    const answer = this.peek<T>(key);
    this.answers.delete(key);
    return answer;
  }
}
