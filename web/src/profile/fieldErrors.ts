import { ApiError } from '../api/client';

/**
 * The API's `errors[]` keyed by top-level field ("skillsOffered.3" and "skillsOffered[3]" count as
 * "skillsOffered"); several messages for one field are joined.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const { field, message } of error.errors) {
    const key = field.replace(/^body[./]/, '').split(/[.[/]/)[0] ?? field;
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  }
  return out;
}
