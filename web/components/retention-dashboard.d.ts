// Types of <retention-dashboard> (import 'retention-kit/dashboard').
import type { AnalysisResult, AnalyzeOptions, ProgressDetail } from '../lib/index.js';

/** The options the element passes to engine.analyze (the callbacks and the signal are its own). */
export type DashboardOptions = Omit<AnalyzeOptions, 'onProgress' | 'signal'>;

export interface DashboardEventMap {
  progress: CustomEvent<ProgressDetail & { fraction: number | undefined }>;
  analyzed: CustomEvent<{ report: AnalysisResult; name: string; seconds: number }>;
  error: CustomEvent<{ error: Error; name: string }>;
  /** Cancelable: preventDefault() stops the download (the CSV is in detail.csv). */
  'segment-export': CustomEvent<{ name: string; csv: string; customers: number }>;
}

export class RetentionDashboard extends HTMLElement {
  /** Setting it analyses the File or Blob. */
  file: Blob | null;
  /** Setting it re-analyses the current file. Also the `options` attribute (JSON). */
  options: DashboardOptions;
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

declare global {
  interface HTMLElementTagNameMap {
    'retention-dashboard': RetentionDashboard;
  }
}
