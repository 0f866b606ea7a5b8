import { useState } from 'react';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import type { Pair } from '../api/types';
import type { QueryState } from '../api/useApiQuery';
import { AppLink } from '../app/AppLink';
import { compareIso } from '../app/format';
import { useAnnounce } from '../app/LiveRegion';
import { pairPath } from '../app/routing';
import { CardSkeletons, EmptyState, ErrorState } from '../app/states';
import { surface } from '../app/surface';
import { updateActionItem, withDone, type ActionItem } from './action-items.api';
import { ActionItemList } from './ActionItemList';

const useStyles = makeStyles({
  card: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, ...surface(), minWidth: 0 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

interface Props {
  items: QueryState<ActionItem[]>;
  meId: string | undefined;
  pairs: Pair[] | undefined;
  labelledBy: string;
}

/** Home: my open action items across pairs, overdue first, ticked off right here. */
export function MyActionItemsCard({ items, meId, pairs, labelledBy }: Props) {
  const styles = useStyles();
  const api = useApi();
  const announce = useAnnounce();
  // Ticked items stay in the list (struck through) until the next visit, so a mis-tick is easy to undo.
  const [local, setLocal] = useState<Record<string, ActionItem>>({});
  const [failed, setFailed] = useState<string | null>(null);

  if (items.loading && !items.data) return <CardSkeletons count={1} label="Loading your action items" />;
  if (items.error) return <ErrorState error={items.error} what="your action items" onRetry={items.reload} />;
  if (!items.data) return null;
  if (items.data.length === 0) {
    return (
      <EmptyState title="No open action items">
        Next steps you agree in check-ins land here, so you can tick them off between meetings.
      </EmptyState>
    );
  }

  const list = items.data
    .map((i) => local[i.id] ?? i)
    .sort((a, b) => Number(b.overdue && !b.done) - Number(a.overdue && !a.done) || compareIso(a.dueOn ?? '9999', b.dueOn ?? '9999'));

  const toggle = (item: ActionItem, done: boolean) => {
    setFailed(null);
    setLocal((l) => ({ ...l, [item.id]: withDone(item, done) }));
    announce(done ? `Done: ${item.text}` : `Open again: ${item.text}`);
    updateActionItem(api, item.id, { done }).then(
      (saved) => setLocal((l) => ({ ...l, [item.id]: saved })),
      (error: unknown) => {
        setLocal((l) => ({ ...l, [item.id]: item }));
        const message = `Couldn’t save “${item.text}”: ${error instanceof Error ? error.message : 'please try again.'}`;
        setFailed(message);
        announce(message);
      },
    );
  };

  const partnerOf = (pairId: string) => pairs?.find((p) => p.id === pairId)?.partner.displayName;

  return (
    <div className={styles.card}>
      <ActionItemList
        items={list}
        meId={meId ?? ''}
        readOnly={false}
        aria-labelledby={labelledBy}
        onToggle={toggle}
        context={(item) => {
          const partner = partnerOf(item.pairId);
          return <AppLink href={pairPath(item.pairId)}>{partner ? `With ${partner}` : 'Open the pair'}</AppLink>;
        }}
      />
      {failed && (
        <Text size={200} className={styles.error} role="alert">
          {failed}
        </Text>
      )}
    </div>
  );
}
