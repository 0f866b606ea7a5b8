import { tokens, type GriffelStyle } from '@fluentui/react-components';

/**
 * A raised panel, matching Fluent's Card. The transparent border turns into a real outline
 * in forced-colors (high contrast) mode, where shadows are dropped.
 */
export function surface(radius: string = tokens.borderRadiusLarge): GriffelStyle {
  return {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: radius,
    boxShadow: tokens.shadow4,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  };
}
