import type { JWTVerifyGetKey } from 'jose';
import { createDevIssuer, type DevIssuer } from '../../api/src/auth/dev-issuer';
import { createTokenVerifier, type VerifiedTokenCacheOptions } from '../../api/src/auth/token-verifier';
import { AppError } from '../../api/src/errors/app-error';
import { testClock, type TestClock } from '../support/clock';

const NOW = '2026-06-10T12:00:00.000Z';
const MINUTE = 60_000;

describe('verified tokens are remembered, not re-checked on every request', () => {
  let issuer: DevIssuer;
  let clock: TestClock;
  let keyLookups: number;

  beforeAll(async () => {
    issuer = await createDevIssuer();
  });
  beforeEach(() => {
    clock = testClock(NOW);
    keyLookups = 0;
  });

  /** The real verifier over the dev key set, counting how often a signature is checked. */
  const verifier = (options: VerifiedTokenCacheOptions = {}) => {
    const keys: JWTVerifyGetKey = (header, token) => {
      keyLookups += 1;
      return issuer.rules.keys(header, token);
    };
    return createTokenVerifier({ ...issuer.rules, keys }, clock, options);
  };
  const tokenFor = (email: string, at: Date = clock.now()) => issuer.issue({ email }, at);
  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  it('the same token twice asks the key set once and gives the same identity', async () => {
    const v = verifier();
    const token = await tokenFor('ana@contoso.example');

    const first = await v.verify(token);
    const second = await v.verify(token);

    expect(keyLookups).toBe(1);
    expect(second).toEqual(first);
    expect(second.email).toBe('ana@contoso.example');
  });

  it('different tokens never share an entry', async () => {
    const v = verifier();
    const ana = await tokenFor('ana@contoso.example');
    const ben = await tokenFor('ben@contoso.example');

    expect((await v.verify(ana)).email).toBe('ana@contoso.example');
    expect((await v.verify(ben)).email).toBe('ben@contoso.example');
    expect((await v.verify(ana)).email).toBe('ana@contoso.example');
    expect((await v.verify(ben)).email).toBe('ben@contoso.example');
    expect(keyLookups).toBe(2);
  });

  it('an expired token is refused even though it was verified (and remembered) earlier', async () => {
    const v = verifier();
    const token = await tokenFor('ana@contoso.example');
    await v.verify(token);

    // Dev tokens live 8 hours; jose allows a minute of clock skew past that.
    clock.advance(8 * 60 * MINUTE + 2 * MINUTE);
    const error = await rejection(v.verify(token));

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('unauthenticated');
    expect((error as AppError).detail).toMatch(/expired/);
  });

  it('a verification is trusted for at most five minutes, so a revoked signing key stops working soon', async () => {
    const v = verifier();
    const token = await tokenFor('ana@contoso.example');
    await v.verify(token);

    clock.advance(5 * MINUTE - 1);
    await v.verify(token);
    expect(keyLookups).toBe(1);

    clock.advance(1);
    await v.verify(token);
    expect(keyLookups).toBe(2);
  });

  it('a failed verification is not remembered: a token not valid yet works once its time comes', async () => {
    const v = verifier();
    const early = await tokenFor('ana@contoso.example', new Date(Date.parse(NOW) + 10 * MINUTE));

    const error = await rejection(v.verify(early));
    expect((error as AppError).detail).toMatch(/not valid yet/);

    clock.advance(10 * MINUTE);
    expect((await v.verify(early)).email).toBe('ana@contoso.example');
  });

  it('a tampered token is refused every time, even after the genuine one was remembered', async () => {
    const v = verifier();
    const token = await tokenFor('ana@contoso.example');
    await v.verify(token);
    const [header, , signature] = token.split('.') as [string, string, string];
    const forged = `${header}.${Buffer.from(JSON.stringify({ oid: 'x', preferred_username: 'eve@contoso.example' })).toString('base64url')}.${signature}`;

    for (let n = 0; n < 2; n++) expect((await rejection(v.verify(forged))) as AppError).toMatchObject({ code: 'unauthenticated' });
    expect(keyLookups).toBe(3);
  });

  it('keeps at most the configured number of tokens, forgetting the least recently used', async () => {
    const v = verifier({ maxEntries: 2 });
    const [ana, ben, cy] = await Promise.all(['ana', 'ben', 'cy'].map((name) => tokenFor(`${name}@contoso.example`)));
    await v.verify(ana!);
    await v.verify(ben!);
    await v.verify(ana!); // ana is now the most recently used
    await v.verify(cy!); // evicts ben
    expect(keyLookups).toBe(3);

    await v.verify(ana!);
    expect(keyLookups).toBe(3);
    await v.verify(ben!);
    expect(keyLookups).toBe(4);
  });
});
