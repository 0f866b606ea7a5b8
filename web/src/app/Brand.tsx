import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

const useStyles = makeStyles({
  brand: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground1,
    ...typographyStyles.subtitle1,
    whiteSpace: 'nowrap',
  },
  mark: { color: tokens.colorBrandForeground1, flexShrink: 0 },
});

/** Tandem's mark (two linked rings) and name. */
export function Brand() {
  const styles = useStyles();
  return (
    <span className={styles.brand}>
      <svg className={styles.mark} width="28" height="28" viewBox="0 0 28 28" aria-hidden="true" focusable="false">
        <circle cx="10.5" cy="14" r="7" fill="none" stroke="currentColor" strokeWidth="2.75" />
        <circle cx="17.5" cy="14" r="7" fill="none" stroke="currentColor" strokeWidth="2.75" opacity="0.6" />
      </svg>
      Tandem
    </span>
  );
}
