import { useEffect, useRef } from 'react';
import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { hasNavigated } from './routing';

const useStyles = makeStyles({
  heading: {
    ...typographyStyles.title2,
    margin: 0,
    color: tokens.colorNeutralForeground1,
    // Focus is moved here programmatically for screen readers; it is not a tab stop.
    ':focus': { outlineStyle: 'none' },
  },
});

export const VIEW_HEADING_ID = 'view-heading';

/** The view's single h1: names the main landmark and the document; takes focus after in-app navigation. */
export function ViewHeading({ children }: { children: string }) {
  const styles = useStyles();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${children} · Tandem`;
  }, [children]);
  return (
    <h1 ref={ref} id={VIEW_HEADING_ID} tabIndex={-1} className={styles.heading}>
      {children}
    </h1>
  );
}
