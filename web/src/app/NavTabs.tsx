import { makeStyles, mergeClasses, tokens, typographyStyles, createFocusOutlineStyle } from '@fluentui/react-components';
import { handleLinkClick, paths, useRoute, type RouteId } from './routing';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  link: {
    ...typographyStyles.body1,
    position: 'relative',
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '40px',
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    ':hover': { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ':active': { backgroundColor: tokens.colorSubtleBackgroundPressed },
    ...createFocusOutlineStyle(),
  },
  current: {
    ...typographyStyles.body1Strong,
    color: tokens.colorNeutralForeground1,
    '::after': {
      content: '""',
      position: 'absolute',
      left: tokens.spacingHorizontalM,
      right: tokens.spacingHorizontalM,
      bottom: '2px',
      height: '3px',
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
      '@media (forced-colors: active)': { forcedColorAdjust: 'none', backgroundColor: 'Highlight' },
    },
  },
});

const items: { route: Exclude<RouteId, 'notFound'>; label: string; adminOnly: boolean }[] = [
  { route: 'tab', label: 'My mentoring', adminOnly: false },
  { route: 'admin', label: 'Program health', adminOnly: true },
];

/** The views as links (not an ARIA tablist: each one is a page with its own URL). */
export function NavTabs({ isAdmin }: { isAdmin: boolean }) {
  const styles = useStyles();
  const route = useRoute();
  const visible = items.filter((item) => isAdmin || !item.adminOnly);
  return (
    <nav aria-label="Views">
      <ul className={styles.list}>
        {visible.map((item) => {
          const current = item.route === route;
          return (
            <li key={item.route}>
              <a
                href={paths[item.route]}
                onClick={handleLinkClick}
                aria-current={current ? 'page' : undefined}
                className={mergeClasses(styles.link, current && styles.current)}
              >
                {item.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
