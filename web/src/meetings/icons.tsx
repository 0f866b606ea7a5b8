import type { ReactNode } from 'react';

// Line icons for check-ins, drawn like web/src/app/icons.tsx (decorative: text carries the meaning).

function Icon({ size = 20, children }: { size?: number; children: ReactNode }) {
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
      {children}
    </svg>
  );
}

type IconProps = { size?: number };

export const CalendarIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <rect x="3" y="4.2" width="14" height="12.6" rx="2" />
    <path d="M3 8.2h14M7 2.8v2.8M13 2.8v2.8" />
  </Icon>
);

export const CalendarAddIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M17 9.5V6.2a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v8.6a2 2 0 0 0 2 2h4.5" />
    <path d="M3 8.2h14M7 2.8v2.8M13 2.8v2.8M14.5 12v5M12 14.5h5" />
  </Icon>
);

export const MoreIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <circle cx="4.5" cy="10" r="0.9" fill="currentColor" />
    <circle cx="10" cy="10" r="0.9" fill="currentColor" />
    <circle cx="15.5" cy="10" r="0.9" fill="currentColor" />
  </Icon>
);

export const NotesIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M5 2.8h7l3 3v11.4H5z" />
    <path d="M12 2.8v3h3M7.5 9.5h5M7.5 12.5h5M7.5 15h3" />
  </Icon>
);

export const LockIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <rect x="4" y="8.8" width="12" height="8.4" rx="1.6" />
    <path d="M6.8 8.8V6.4a3.2 3.2 0 0 1 6.4 0v2.4M10 12.2v2" />
  </Icon>
);

export const CopyIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <rect x="7" y="7" width="10" height="10" rx="1.6" />
    <path d="M13 7V4.6A1.6 1.6 0 0 0 11.4 3H4.6A1.6 1.6 0 0 0 3 4.6v6.8A1.6 1.6 0 0 0 4.6 13H7" />
  </Icon>
);

export const RotateIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M16 10a6 6 0 1 1-1.8-4.3M16 3.5v3.2h-3.2" />
  </Icon>
);

export const XCircleIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <circle cx="10" cy="10" r="7.5" />
    <path d="m7.3 7.3 5.4 5.4M12.7 7.3l-5.4 5.4" />
  </Icon>
);

export const SearchIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <circle cx="8.8" cy="8.8" r="5.3" />
    <path d="m12.8 12.8 4 4" />
  </Icon>
);
