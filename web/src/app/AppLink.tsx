import { forwardRef, type ReactNode } from 'react';
import { Link } from '@fluentui/react-components';
import { handleLinkClick } from './routing';

interface Props {
  href: string;
  children: ReactNode;
  'aria-label'?: string;
}

/** A Fluent link to another Tandem view, navigating without a page load. */
export const AppLink = forwardRef<HTMLAnchorElement, Props>(function AppLink({ href, children, ...rest }, ref) {
  return (
    <Link ref={ref} href={href} onClick={handleLinkClick} aria-label={rest['aria-label']}>
      {children}
    </Link>
  );
});
