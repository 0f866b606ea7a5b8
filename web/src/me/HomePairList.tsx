import { makeStyles, tokens } from '@fluentui/react-components';
import type { Pair } from '../api/types';
import { AppLink } from '../app/AppLink';
import { findPath } from '../app/routing';
import { EmptyState } from '../app/states';
import { PairCard } from '../pairs/PairCard';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 320px), 1fr))',
    gap: tokens.spacingHorizontalL,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
});

const statusOrder: Record<Pair['status'], number> = { active: 0, paused: 1, completed: 2, ended: 3 };

/** Home's pairs: the shared pair cards (each names the partner with a link to the pair page), live pairs first. */
export function HomePairList({ pairs, labelledBy }: { pairs: Pair[]; labelledBy: string }) {
  const styles = useStyles();
  if (pairs.length === 0) {
    return (
      <EmptyState title="You’re not in a mentoring pair yet">
        When a mentor accepts your request, or a program admin matches you, your pair appears here.{' '}
        <AppLink href={findPath()}>Find a mentor</AppLink> to get started.
      </EmptyState>
    );
  }
  const sorted = [...pairs].sort((a, b) => statusOrder[a.status] - statusOrder[b.status]);
  return (
    <ul className={styles.list} aria-labelledby={labelledBy} role="list">
      {sorted.map((pair) => (
        <li key={pair.id}>
          <PairCard pair={pair} />
        </li>
      ))}
    </ul>
  );
}
