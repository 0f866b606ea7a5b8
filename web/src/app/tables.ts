import { createFocusOutlineStyle, tokens, type GriffelStyle } from '@fluentui/react-components';
import { surface } from './surface';

// Styles the admin tables share.

/** A table that scrolls sideways inside its own box (never the page) and can be focused to scroll by keyboard. */
export const scrollerStyle: GriffelStyle = {
  overflowX: 'auto',
  maxWidth: '100%',
  ...surface(),
  ...createFocusOutlineStyle(),
};

/** A caption that stays in view while its table scrolls sideways. */
export const captionStyle: GriffelStyle = {
  textAlign: 'start',
  padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
  color: tokens.colorNeutralForeground2,
  fontSize: tokens.fontSizeBase300,
  fontWeight: tokens.fontWeightSemibold,
  position: 'sticky',
  left: 0,
  maxWidth: 'calc(100vw - 48px)',
  boxSizing: 'border-box',
};
