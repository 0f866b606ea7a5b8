import { CounterBadge, makeStyles, mergeClasses, tokens, typographyStyles, createFocusOutlineStyle } from '@fluentui/react-components';
import { handleLinkClick, paths, useRoute, type RouteId } from './routing';
import { visuallyHidden } from './visuallyHidden';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXXS,
    rowGap: 0,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  link: {
    ...typographyStyles.body1,
    position: 'relative',
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minHeight: '40px',
    padding: `0 ${tokens.spacingHorizontalM}`,
    whiteSpace: 'nowrap',
    '@media (max-width: 480px)': { padding: `0 ${tokens.spacingHorizontalS}` },
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
      left: tokens.spacingHorizontalS,
      right: tokens.spacingHorizontalS,
      bottom: '2px',
      height: '3px',
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
      '@media (forced-colors: active)': { forcedColorAdjust: 'none', backgroundColor: 'Highlight' },
    },
  },
  hidden: visuallyHidden,
});

type NavRoute = Exclude<RouteId, 'notFound' | 'pair' | 'matching' | 'organisation'>;

const items: { route: NavRoute; href: string; label: string; adminOnly: boolean }[] = [
  { route: 'home', href: paths.tab, label: 'Home', adminOnly: false },
  { route: 'find', href: paths.find, label: 'Find a mentor', adminOnly: false },
  { route: 'requests', href: paths.requests, label: 'Requests', adminOnly: false },
  { route: 'profile', href: paths.profile, label: 'Profile', adminOnly: false },
  { route: 'admin', href: paths.admin, label: 'Program health', adminOnly: true },
];

/**
 * The views as links (not an ARIA tablist: each one is a page with its own URL). Requests carries
 * the number of requests waiting for my answer. A pair page belongs under Home, a program's
 * matching and the organisation data under Program health.
 */
export function NavTabs({ isAdmin, waitingRequests }: { isAdmin: boolean; waitingRequests: number }) {
  const styles = useStyles();
  const route = useRoute();
  const visible = items.filter((item) => isAdmin || !item.adminOnly);
  const section: RouteId = route.id === 'pair' ? 'home' : route.id === 'matching' || route.id === 'organisation' ? 'admin' : route.id;
  return (
    <nav aria-label="Views">
      <ul className={styles.list}>
        {visible.map((item) => {
          const current = item.route === section;
          const showBadge = item.route === 'requests' && waitingRequests > 0;
          return (
            <li key={item.route}>
              <a
                href={item.href}
                onClick={handleLinkClick}
                aria-current={item.route === route.id ? 'page' : undefined}
                className={mergeClasses(styles.link, current && styles.current)}
              >
                {item.label}
                {showBadge && (
                  <>
                    <CounterBadge count={waitingRequests} size="small" color="brand" aria-hidden="true" />
                    <span className={styles.hidden}> ({waitingRequests} waiting for your answer)</span>
                  </>
                )}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
