import { useState } from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useAnnounce } from '../app/LiveRegion';
import { plural } from '../app/format';
import { CardSkeletons, EmptyState, ErrorState } from '../app/states';
import { ConfirmDialog } from '../meetings/ConfirmDialog';
import { PairSection, sectionHeadingId } from '../pairs/PairSection';
import type { MemberPairDetail } from '../pairs/pairs.api';
import { deleteActionItem, sortActionItems, type ActionItem } from './action-items.api';
import { ActionItemList } from './ActionItemList';
import { AddActionItemForm } from './AddActionItemForm';
import type { ActionItemsController } from './useActionItemsController';

const useStyles = makeStyles({
  summary: { color: tokens.colorNeutralForeground2 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  add: {
    paddingTop: tokens.spacingVerticalL,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  toggle: { alignSelf: 'flex-start' },
});

export const ACTION_ITEMS_SECTION_ID = 'action-items';

interface Props {
  pair: MemberPairDetail;
  readOnly: boolean;
  controller: ActionItemsController;
}

/** The pair's action items: open ones first (owner, due date, overdue), add, tick off, delete. */
export function ActionItemsSection({ pair, readOnly, controller }: Props) {
  const styles = useStyles();
  const announce = useAnnounce();
  const { items, toggle, added, removed } = controller;
  const [showDone, setShowDone] = useState(false);
  const [deleting, setDeleting] = useState<ActionItem | null>(null);
  const meId = pair.viewer === 'mentor' ? pair.mentor.id : pair.mentee.id;

  const sorted = items.data ? sortActionItems(items.data) : undefined;
  const open = sorted?.filter((i) => !i.done) ?? [];
  const done = sorted?.filter((i) => i.done) ?? [];
  const overdue = open.filter((i) => i.overdue).length;

  return (
    <PairSection
      id={ACTION_ITEMS_SECTION_ID}
      title="Action items"
      busy={items.loading}
      lead={
        readOnly
          ? 'What you agreed to do between check-ins.'
          : 'The small commitments you make in check-ins — who does what, and by when. Ticking one off shows for you both.'
      }
    >
      {items.loading && !items.data && <CardSkeletons count={1} label="Loading action items" />}
      {items.error && <ErrorState error={items.error} what="action items" onRetry={items.reload} />}
      {sorted && (
        <>
          {open.length === 0 ? (
            <EmptyState title={readOnly ? 'No open action items' : 'Nothing open right now'}>
              {readOnly
                ? 'Everything you agreed to do was ticked off, or nothing was written down.'
                : 'Agree one small next step at your next check-in and add it here, so neither of you has to remember it.'}
            </EmptyState>
          ) : (
            <div className={styles.group}>
              <Text className={styles.summary}>
                {plural(open.length, 'open item')}
                {overdue > 0 ? ` · ${overdue} overdue` : ''}
              </Text>
              <ActionItemList
                items={open}
                meId={meId}
                readOnly={readOnly}
                aria-label="Open action items"
                onToggle={toggle}
                onDelete={setDeleting}
              />
            </div>
          )}
          {done.length > 0 && (
            <div className={styles.group}>
              <Button
                appearance="subtle"
                className={styles.toggle}
                aria-expanded={showDone}
                onClick={() => setShowDone((s) => !s)}
              >
                {showDone ? 'Hide done items' : `Show done items (${done.length})`}
              </Button>
              {showDone && (
                <ActionItemList
                  items={done}
                  meId={meId}
                  readOnly={readOnly}
                  aria-label="Done action items"
                  onToggle={toggle}
                  onDelete={setDeleting}
                />
              )}
            </div>
          )}
          {!readOnly && (
            <div className={styles.add}>
              <AddActionItemForm
                pair={pair}
                onAdded={(item) => {
                  added(item);
                  announce(`Added the action item “${item.text}”.`);
                }}
              />
            </div>
          )}
        </>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this action item?"
        confirmLabel="Delete"
        busyLabel="Deleting…"
        dismissLabel="Keep it"
        what="delete the action item"
        run={(api) => deleteActionItem(api, deleting?.id ?? '')}
        onClose={() => setDeleting(null)}
        onDone={() => {
          if (deleting) {
            removed(deleting);
            announce(`Deleted “${deleting.text}”.`);
          }
          setDeleting(null);
          window.setTimeout(() => document.getElementById(sectionHeadingId(ACTION_ITEMS_SECTION_ID))?.focus(), 50);
        }}
      >
        “{deleting?.text}” will be removed for you and {pair.partner.displayName.split(' ')[0]}. This can’t be undone — if
        it’s simply finished, tick it off instead.
      </ConfirmDialog>
    </PairSection>
  );
}
