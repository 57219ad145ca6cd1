// Types of <retention-dashboard> (import 'retention-kit/dashboard').
import type { AnalysisResult, AnalyzeOptions, EngineOptions, ProgressDetail } from '../lib/index.js';

/** The options the element passes to engine.analyze (the callbacks and the signal are its own). */
export type DashboardOptions = Omit<AnalyzeOptions, 'onProgress' | 'signal'>;

export interface DashboardEventMap {
  progress: CustomEvent<ProgressDetail & { fraction: number | undefined }>;
  /** The results are on screen: the first screen (summary cards, RF matrix, segments) is drawn. */
  analyzed: CustomEvent<{ report: AnalysisResult; name: string; seconds: number }>;
  /** Every panel is drawn (the panels below the first screen follow 'analyzed' within a few tasks). */
  drawn: CustomEvent<{ report: AnalysisResult; name: string }>;
  error: CustomEvent<{ error: Error; name: string }>;
  /** Cancelable: preventDefault() stops the download (the CSV is in detail.csv). */
  'segment-export': CustomEvent<{ name: string; csv: string; customers: number }>;
}

export class RetentionDashboard extends HTMLElement {
  /** Setting it analyses the File or Blob. */
  file: Blob | null;
  /** Several files analysed as one (overlapping exports count each order once); one file is the same as `file`. */
  files: Blob[];
  /** Setting it re-analyses the current file. Also the `options` attribute (JSON). */
  options: DashboardOptions;
  /** Where the engine's files are and where it runs (createEngine's settings); also the wasm-url, worker-url and worker attributes. */
  engine: EngineOptions;
  readonly report: AnalysisResult | null;
  readonly state: 'idle' | 'loading' | 'ready' | 'error';
  /** Resolves with the report, or null when cancelled; rejects with the engine's error. */
  analyze(input: Blob | ArrayBuffer | ArrayBufferView | string, options?: { name?: string }): Promise<AnalysisResult | null>;
  cancel(): void;
  /** The results on screen as one self-contained HTML file (aggregates only; customers only if asked); downloads it unless `download: false`. */
  downloadReport(options?: { includeCustomers?: boolean; download?: boolean }): string | null;
  addEventListener<K extends keyof DashboardEventMap>(type: K, listener: (event: DashboardEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/**
 * The element's attributes and properties in JSX, with its events as lowercase `on` props
 * (React 19 sets properties such as `options` and listens to `onanalyzed` as the 'analyzed' event;
 * React 18 passes only strings: set `options` and listen to events through a ref).
 * Use: `import type {} from 'retention-kit/dashboard/jsx'` (React) or extend your framework's JSX with it.
 */
export interface RetentionDashboardJsxProps {
  src?: string;
  name?: string;
  /** JSON text, or (React 19) the object itself */
  options?: DashboardOptions | string;
  'as-of'?: string;
  'wasm-url'?: string;
  'worker-url'?: string;
  worker?: 'false' | 'true';
  engine?: EngineOptions;
  onprogress?: (event: DashboardEventMap['progress']) => void;
  onanalyzed?: (event: DashboardEventMap['analyzed']) => void;
  ondrawn?: (event: DashboardEventMap['drawn']) => void;
  onerror?: (event: DashboardEventMap['error']) => void;
  'onsegment-export'?: (event: DashboardEventMap['segment-export']) => void;
}

declare global {
  interface HTMLElementTagNameMap {
    'retention-dashboard': RetentionDashboard;
  }
}
