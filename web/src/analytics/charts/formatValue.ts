import type { ValueKind } from './chartSpec';
import { onFirstUse } from '../../app/onFirstUse';

const count = onFirstUse(() => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }));
const points = onFirstUse(() => new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }));
const hours = onFirstUse(() => new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));

/** A chart value as its table cell and tooltip show it (percent values are percentage points). */
export function formatValue(value: number | null | undefined, kind: ValueKind): string {
  if (value === null || value === undefined) return 'No data';
  if (kind === 'percent') return `${points().format(value)}%`;
  if (kind === 'hours') return hours().format(value);
  return count().format(value);
}
