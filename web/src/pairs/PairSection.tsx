import type { ReactNode } from 'react';
import { Text, makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { surface } from '../app/surface';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    minWidth: 0,
    padding: tokens.spacingHorizontalXL,
    scrollMarginTop: tokens.spacingVerticalL,
    ...surface(),
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0, flexBasis: '320px', flexGrow: 1 },
  title: {
    ...typographyStyles.subtitle1,
    margin: 0,
    color: tokens.colorNeutralForeground1,
    ':focus': { outlineStyle: 'none' },
    ':focus-visible': { outlineStyle: 'none' },
  },
  lead: { color: tokens.colorNeutralForeground2, maxWidth: '72ch' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export function sectionHeadingId(id: string): string {
  return `${id}-heading`;
}

interface Props {
  /** Anchor for the in-page nav (`#id`); the heading gets `${id}-heading`. */
  id: string;
  title: string;
  lead?: ReactNode;
  actions?: ReactNode;
  busy?: boolean;
  className?: string;
  children: ReactNode;
}

/** One titled part of the pair page (h2), reachable from the in-page nav. */
export function PairSection({ id, title, lead, actions, busy = false, className, children }: Props) {
  const styles = useStyles();
  const headingId = sectionHeadingId(id);
  return (
    <section id={id} aria-labelledby={headingId} aria-busy={busy} className={mergeClasses(styles.section, className)}>
      <div className={styles.head}>
        <div className={styles.titles}>
          <h2 id={headingId} tabIndex={-1} className={styles.title}>
            {title}
          </h2>
          {lead && <Text className={styles.lead}>{lead}</Text>}
        </div>
        {actions && <div className={styles.actions}>{actions}</div>}
      </div>
      {children}
    </section>
  );
}
