import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { Brand } from './Brand';
import { VIEW_HEADING_ID } from './ViewHeading';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
  skipLink: {
    position: 'absolute',
    left: tokens.spacingHorizontalS,
    top: '-100px',
    zIndex: 1,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    boxShadow: tokens.shadow8,
    ':focus': { top: tokens.spacingVerticalS },
  },
  header: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  bar: {
    boxSizing: 'border-box',
    maxWidth: '1200px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalXS,
    minHeight: '56px',
  },
  navSlot: { flexGrow: 1, display: 'flex', minWidth: 0 },
  end: { marginLeft: 'auto', display: 'flex', alignItems: 'center', minWidth: 0 },
  main: {
    boxSizing: 'border-box',
    ':focus': { outlineStyle: 'none' },
    width: '100%',
    maxWidth: '1200px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXXXL}`,
    flexGrow: 1,
    '@media (max-width: 480px)': {
      padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXL}`,
    },
  },
});

/** Page chrome shared by every screen: banner (brand, optional nav and user area) and the main landmark. */
export function Layout({ nav, headerEnd, children }: { nav?: ReactNode; headerEnd?: ReactNode; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.page}>
      <a href="#main" className={styles.skipLink}>
        Skip to main content
      </a>
      <header className={styles.header} aria-label="Tandem">
        <div className={styles.bar}>
          <Brand />
          <div className={styles.navSlot}>{nav}</div>
          {headerEnd && <div className={styles.end}>{headerEnd}</div>}
        </div>
      </header>
      <main id="main" tabIndex={-1} className={styles.main} aria-labelledby={VIEW_HEADING_ID}>
        {children}
      </main>
    </div>
  );
}
