import { useId, type ReactNode } from 'react';
import { CounterBadge, makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  // Focusable from script (e.g. after the item you acted on disappears), not a tab stop.
  title: { ...typographyStyles.subtitle1, margin: 0, color: tokens.colorNeutralForeground1, ':focus': { outlineStyle: 'none' } },
});

interface Props {
  title: string;
  /** Shown next to the title once the data is in. */
  count?: number | undefined;
  busy?: boolean;
  className?: string;
  children: (headingId: string) => ReactNode;
}

/** A titled region of a view (h2), busy while its data loads. Children get the heading id to label lists. */
export function Section({ title, count, busy = false, className, children }: Props) {
  const styles = useStyles();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} aria-busy={busy} className={mergeClasses(styles.section, className)}>
      <div className={styles.head}>
        <h2 id={headingId} tabIndex={-1} className={styles.title}>
          {title}
        </h2>
        {count !== undefined && <CounterBadge count={count} showZero appearance="ghost" color="informative" aria-hidden="true" />}
      </div>
      {children(headingId)}
    </section>
  );
}
