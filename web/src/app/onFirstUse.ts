/**
 * A value made when first asked for. For Intl formatters: each one costs noticeable start-up time
 * to make (locale data), and a view uses only a few of the many its modules declare.
 */
export function onFirstUse<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
