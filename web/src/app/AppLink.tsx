import type { ReactNode } from 'react';
import { Link } from '@fluentui/react-components';
import { handleLinkClick } from './routing';

/** A Fluent link to another Tandem view, navigating without a page load. */
export function AppLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} onClick={handleLinkClick}>
      {children}
    </Link>
  );
}
