import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Every schema that appears in OpenAPI imports `z` from here, so `.openapi()` exists on it.
extendZodWithOpenApi(z);

export { z };

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the format YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'Not a real calendar date')
  .openapi({ example: '2026-01-15', format: 'date' });

export const isoInstant = z.string().openapi({ example: '2026-01-15T09:30:00.000Z', format: 'date-time' });

export const uuid = z.string().uuid('Must be an id (UUID)');

/** An IANA time zone name the runtime knows (e.g. `Europe/Berlin`). */
export const ianaTimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((value) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return value.includes('/') || value === 'UTC';
    } catch {
      return false;
    }
  }, 'Must be an IANA time zone such as Europe/Berlin')
  .openapi({ example: 'Europe/Berlin' });
