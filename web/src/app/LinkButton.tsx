import type { MouseEvent, ReactNode } from 'react';
import { Button, type ButtonProps } from '@fluentui/react-components';
import { handleLinkClick } from './routing';

interface Props {
  href: string;
  appearance?: ButtonProps['appearance'];
  size?: ButtonProps['size'];
  className?: string;
  'aria-label'?: string;
  children: ReactNode;
}

/** A link to another Tandem view that looks like a button (for calls to action). */
export function LinkButton({ href, appearance = 'secondary', size = 'medium', className, children, ...rest }: Props) {
  return (
    <Button
      as="a"
      href={href}
      appearance={appearance}
      size={size}
      className={className}
      aria-label={rest['aria-label']}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => handleLinkClick(event)}
    >
      {children}
    </Button>
  );
}
