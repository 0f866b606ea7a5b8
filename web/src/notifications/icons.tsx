/** A bell in the line style of app/icons.tsx (decorative: the button carries the name). */
export function BellIcon({ size = 20 }: { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M5 8.2a5 5 0 0 1 10 0v3.6l1.5 2.7h-13L5 11.8z" />
      <path d="M8.2 16.6a1.9 1.9 0 0 0 3.6 0" />
    </svg>
  );
}

/** A plain ✕ for the panel's Close button. */
export function DismissIcon({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" aria-hidden="true" focusable="false">
      <path d="m5 5 10 10M15 5 5 15" />
    </svg>
  );
}
