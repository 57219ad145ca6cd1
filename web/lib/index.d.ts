// Types of the retention-kit package (hand-written: Debian's Emscripten 3.1.6 cannot emit them).

/** Column roles; each value is a header name in the file. Unnamed roles are detected from the header. */
export interface ColumnMapping {
  customer?: string;
  date?: string;
  amount?: string;
  order?: string;
  refund?: string;
  quantity?: string;
  unitPrice?: string;
  product?: string;
  status?: string;
  currency?: string;
  /** Columns describing a customer (country, channel ...); detected from known names when absent. */
  attributes?: string[];
}

export interface RfThresholds {
  /** active: last order fewer than this many days before asOf (default 90) */
  activeBelowDays?: number;
  /** lapsed: last order more than this many days before asOf (default 365) */
  lapsedAboveDays?: number;
  /** multi: at least this many orders (default 2) */
  multiOrders?: number;
  /** highValue: at least this many orders (default 3) */
  highValueOrders?: number;
}

export interface ProgressDetail {
  bytesLoaded: number;
  /** undefined while the size of a stream is unknown */
  bytesTotal?: number;
}

export interface AnalyzeOptions {
  columns?: ColumnMapping;
  /** The analysis date, YYYY-MM-DD (a Date is read as its UTC calendar date). Default: the latest counted order. */
  asOf?: string | Date;
  rfThresholds?: RfThresholds;
  /** Any rejected row becomes an error. */
  strict?: boolean;
  /** Default 'auto': detected from the content. 'text' is a whitespace-aligned table. */
  format?: 'auto' | 'csv' | 'text' | 'json' | 'ndjson';
  delimiter?: 'auto' | ',' | ';' | '|' | 'tab' | 'whitespace';
  /** Default 'auto': detected from the amounts. */
  decimalSeparator?: 'auto' | '.' | ',';
  /** Default 'auto': decided by the first date only one order can read. */
  dateOrder?: 'auto' | 'month-first' | 'day-first';
  /** Bytes per chunk fed to the engine (default 1 MiB). */
  chunkSize?: number;
  /** fraction is 0..1, or undefined while the total size is unknown; it is 1 when the input is read. */
  onProgress?: (fraction: number | undefined, detail: ProgressDetail) => void;
  signal?: AbortSignal;
}

export type Input = Blob | ArrayBuffer | ArrayBufferView | string | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/** A calendar date, YYYY-MM-DD. */
export type DateString = string;
type Matrix = [[number, number, number], [number, number, number], [number, number, number]];

export interface Report {
  summary: {
    rowsRead: number;
    rowsRejected: number;
    rowsWithoutCustomer: number;
    /** rows whose status says no money moved */
    rowsExcluded: number;
    customers: number;
    customersWithoutOrders: number;
    orders: number;
    ordersAfterAsOf: number;
    revenue: number;
    firstOrder: DateString | null;
    lastOrder: DateString | null;
    asOf: DateString | null;
  };
  /** role -> header name actually used, and the known export layout that matched */
  columns: ColumnMapping & { preset: 'shopify' | 'stripe' | 'woocommerce' | 'online-retail' | 'cdnow' | 'generic'; captured?: string };
  rfMatrix: {
    recency: ['active', 'churning', 'lapsed'];
    frequency: ['single', 'multi', 'highValue'];
    thresholds: Required<RfThresholds>;
    /** rows = recency, columns = frequency */
    customers: Matrix;
    revenue: Matrix;
    share: Matrix;
  };
  dataQuality: {
    format: 'csv' | 'text' | 'json' | 'ndjson';
    /** 'windows-1252' files are converted to UTF-8 */
    encoding: 'ascii' | 'utf-8' | 'windows-1252';
    delimiter?: string;
    dates: {
      format: string;
      dayMonthOrder: 'month-first' | 'day-first' | null;
      /** every date fitted both orders: month-first was assumed */
      ambiguous: boolean;
      ambiguousRows: number;
      decidedOnLine: number;
    };
    decimalSeparator: { value: '.' | ',' | null; assumed: boolean; decidedOnLine: number };
    currencies: { currency: string; rows: number }[];
    mixedCurrencies: boolean;
    excludedStatuses: { status: string; rows: number }[];
    ordersWithSeveralCustomers: number;
    sharedOrderIds: string[];
    ordersMergedFromRows: number;
    rowsMerged: number;
    outliers: {
      orders: number;
      threshold: number;
      largestOrders: { customer: string; date: DateString; amount: number }[];
    };
  };
  diagnostics: {
    warnings: { line: number; column: string; message: string }[];
    warningsOmitted: number;
  };
}

export interface Engine {
  analyze(input: Input, options?: AnalyzeOptions): Promise<Report>;
  /** Node only: the report exactly as the core wrote it ('json'), or the terminal summary ('text'). */
  analyzeToString?(input: Input, options?: AnalyzeOptions, format?: 'json' | 'text'): Promise<string>;
  /** Frees the engine (terminates its worker in the browser). */
  close(): void;
}

export function createEngine(): Promise<Engine>;

export class RetentionError extends Error {
  name: 'RetentionError';
  /** e.g. 'missing_column', 'unterminated_quote', 'empty_input', 'invalid_options', 'rejected_row' */
  code: string;
  /** 1-based file line (header = 1), 0 when none applies */
  line: number;
}
