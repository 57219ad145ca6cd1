// JSX types of <retention-dashboard> for React 18 and 19 (import type {} from 'retention-kit/dashboard/jsx').
import type { RetentionDashboard, RetentionDashboardJsxProps } from './retention-dashboard.js';

type DashboardJsx = RetentionDashboardJsxProps & {
  id?: string;
  class?: string;
  className?: string;
  style?: import('react').CSSProperties;
  hidden?: boolean;
  ref?: import('react').Ref<RetentionDashboard>;
  key?: import('react').Key;
  children?: import('react').ReactNode;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'retention-dashboard': DashboardJsx;
    }
  }
}
