import { useId, type ReactNode } from 'react';
import { Badge, Button, Checkbox, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { formatCalendarDate } from '../app/format';
import { DeleteIcon, DifferentIcon } from '../app/icons';
import type { ActionItem } from './action-items.api';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', margin: 0, padding: 0, listStyleType: 'none' },
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':last-child': { borderBottomStyle: 'none' },
  },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, flexGrow: 1, minWidth: 0 },
  checkbox: { overflowWrap: 'anywhere', minWidth: 0 },
  text: { overflowWrap: 'anywhere', color: tokens.colorNeutralForeground1 },
  done: { color: tokens.colorNeutralForeground3, textDecorationLine: 'line-through' },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    // Lines up with the checkbox label.
    paddingLeft: '36px',
    color: tokens.colorNeutralForeground3,
  },
  readMeta: { paddingLeft: 0 },
  overdue: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
});

export interface ActionItemListProps {
  items: ActionItem[];
  /** The signed-in member's id, so their items read "You". */
  meId: string;
  readOnly: boolean;
  /** Shown after the owner, e.g. the pair an item belongs to (Home). */
  context?: (item: ActionItem) => ReactNode;
  onToggle: (item: ActionItem, done: boolean) => void;
  onDelete?: (item: ActionItem) => void;
  'aria-label'?: string;
  'aria-labelledby'?: string;
}

export function ownerText(item: ActionItem, meId: string): string {
  return item.owner.id === meId ? 'You' : (item.owner.displayName.split(' ')[0] ?? item.owner.displayName);
}

/** Action items with a done checkbox, owner, due date and an "Overdue" badge (words, not just colour). */
export function ActionItemList({ items, meId, readOnly, context, onToggle, onDelete, ...labels }: ActionItemListProps) {
  const styles = useStyles();
  const id = useId();
  return (
    <ul className={styles.list} {...labels}>
      {items.map((item) => {
        const metaId = `${id}-${item.id}-meta`;
        const meta = (
          <Text size={200} id={metaId} className={mergeClasses(styles.meta, readOnly && styles.readMeta)}>
            <span>Owner: {ownerText(item, meId)}</span>
            {item.dueOn && <span>Due {formatCalendarDate(item.dueOn)}</span>}
            {item.overdue && !item.done && (
              <Badge color="danger" appearance="tint" size="medium" icon={<DifferentIcon size={12} />} className={styles.overdue}>
                Overdue
              </Badge>
            )}
            {item.done && <span>Done</span>}
            {context?.(item)}
          </Text>
        );
        return (
          <li key={item.id} className={styles.item}>
            <div className={styles.main}>
              {readOnly ? (
                <Text className={mergeClasses(styles.text, item.done && styles.done)}>{item.text}</Text>
              ) : (
                <Checkbox
                  className={styles.checkbox}
                  checked={item.done}
                  onChange={(_, d) => onToggle(item, d.checked === true)}
                  label={<span className={mergeClasses(styles.text, item.done && styles.done)}>{item.text}</span>}
                  aria-describedby={metaId}
                />
              )}
              {meta}
            </div>
            {!readOnly && onDelete && (
              <Button
                appearance="subtle"
                icon={<DeleteIcon />}
                aria-label={`Delete “${item.text}”`}
                title="Delete"
                onClick={() => onDelete(item)}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
