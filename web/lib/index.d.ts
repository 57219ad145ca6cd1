// Types of the retention-kit package (hand-written: Debian's Emscripten 3.1.6 cannot emit them).

/**
 * Column roles; each value is a header name in the file. Unnamed roles are detected from the header;
 * `false` switches an optional role off (it is then never detected).
 */
export interface ColumnMapping {
  customer?: string;
  date?: string;
  amount?: string | false;
  order?: string | false;
  refund?: string | false;
  quantity?: string | false;
  unitPrice?: string | false;
  product?: string | false;
  status?: string | false;
  currency?: string | false;
  /** Columns describing a customer (country, channel ...); detected from known names when absent. */
  attributes?: string[];
  /** A per-customer summary (`format: 'customers'`): the first and last counted order dates. */
  firstOrder?: string;
  lastOrder?: string;
  /** ... the number of counted orders (the SQL's `frequency`) and the revenue (its `monetary`, net of refunds). */
  orders?: string;
  revenue?: string;
  /** Optional: distinct days with an order (BTYD x = orderDays - 1; without it each order is a day, or one day when first = last order). */
  orderDays?: string | false;
  /** Optional, for the spend model to the cent: revenue of the counted orders, and of those after the first order day. */
  countedRevenue?: string | false;
  repeatRevenue?: string | false;
}

/** A report section the input cannot give (a per-customer summary has no order-level rows), with why. */
export interface UnavailableSection {
  /** The report key: 'retention.gaps', 'retention.monthly', 'retention.quarterly', 'retention.yearly', 'cohorts',
   * 'migration', 'performance', 'topProducts', 'dataQuality.outliers', 'churnRisk.singleOrderExpectedGapDays', 'model.validation' */
  section: string;
  /** Why, in plain words for a merchant. */
  reason: string;
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

/** A named RFM segment: inclusive score ranges [lo, hi] (1..5); a missing range means any score. */
export interface SegmentRule {
  name: string;
  r?: [number, number];
  f?: [number, number];
  m?: [number, number];
  /** Only customers outside the RF matrix's active band (recencyDays >= activeBelowDays); default false.
   * The default table sets it on Can't Lose Them, At Risk, About To Sleep and Lost. */
  outsideActiveBand?: boolean;
  /** Who these customers are, in one plain sentence; passed through to the report's segment. */
  description?: string;
  /** The recommended next step, with its timing; passed through to the report's segment. */
  action?: string;
}

/**
 * Churn-risk traffic light. Basis 'pAlive' (the default): when a value model fitted, from its P(alive)
 * (green >= pAliveGreen, amber >= pAliveAmber, else red), otherwise from the gaps. Basis 'gaps': green when
 * recencyDays <= green x the expected gap, amber when <= amber x. Whatever the basis, nobody with P(alive)
 * below 0.2 is green and nobody above 0.8 is red: such a light is amber.
 */
export interface ChurnRiskMultipliers {
  /** default 1.5 */
  green?: number;
  /** default 3 */
  amber?: number;
  /** default 'pAlive' (falls back to the gaps when no model fitted) */
  basis?: 'gaps' | 'pAlive';
  /** default 0.5 */
  pAliveGreen?: number;
  /** default 0.2 */
  pAliveAmber?: number;
}

export interface ProgressDetail {
  bytesLoaded: number;
  /** undefined while the size of a stream is unknown */
  bytesTotal?: number;
}

export interface AnalyzeOptions {
  columns?: ColumnMapping;
  /** Predicted customer value; default { model: 'mbgnbd', timeUnit: 'weeks', horizonMonths: 12, monthlyDiscountRate: 0.01, penalty: 0 }. */
  clv?: {
    /** 'mbgnbd' (default): one-time buyers' P(alive) falls with time; 'bgnbd' counts them as alive */
    model?: 'mbgnbd' | 'bgnbd' | 'pareto-nbd' | 'none';
    timeUnit?: 'weeks' | 'days';
    horizonMonths?: number;
    monthlyDiscountRate?: number;
    /** penalty x sum(log(parameter)^2) added to the mean negative log-likelihood per customer: pulls every
     * parameter toward 1 (never toward 0 or infinity), for small or flat data. Default 0. */
    penalty?: number;
    /** fit up to this day and compare predicted with actual purchases after it */
    calibrationEnd?: DateString;
  };
  /** The analysis date, YYYY-MM-DD (a Date is read as its UTC calendar date). Default: the latest counted order. */
  asOf?: string | Date;
  /** Only the orders dated from this day on (inclusive; YYYY-MM-DD or a Date). The others are left out and
   * counted (summary.ordersOutsideRange, dateRange). */
  from?: string | Date | null;
  /** Only the orders dated up to this day (inclusive). Without asOf, asOf is this day. */
  to?: string | Date | null;
  /** The summary's current period when neither from nor to is given: this many days up to asOf (default 90). */
  comparePeriodDays?: number;
  rfThresholds?: RfThresholds;
  /** The RFM segment rules, applied in order (first match wins, `Others` last). Default: the R package rfm's table. */
  segments?: SegmentRule[];
  churnRisk?: ChurnRiskMultipliers;
  /** Any rejected row becomes an error. */
  strict?: boolean;
  /** Adds `diagnostics.measured` (each stage's seconds, the input size and the peak memory) to the report.
   * Off by default: those figures differ from run to run. */
  measure?: boolean;
  /** Default 'auto': detected from the content. 'text' is a whitespace-aligned table. 'customers' reads a
   * per-customer summary (one row per customer; CSV or JSON detected), which is also detected from its header. */
  format?: 'auto' | 'csv' | 'text' | 'json' | 'ndjson' | 'customers';
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
/** The nine RF cells: recency band / frequency band. */
export type RfCellName = `${'active' | 'churning' | 'lapsed'}/${'single' | 'multi' | 'highValue'}`;
/** A ratio with 6 decimals, null when its base is 0. */
type Ratio = number | null;

export interface ScoreBand {
  score: 1 | 2 | 3 | 4 | 5;
  customers: number;
  /** The range of values that got this score (days, orders or money); null when no customer did. */
  min: number | null;
  max: number | null;
}

export interface SegmentSummary {
  name: string;
  /** null for Others */
  rules: { r: [number, number]; f: [number, number]; m: [number, number] } | null;
  /** The rule's own texts, when it has them. */
  description?: string;
  action?: string;
  customers: number;
  share: Ratio;
  revenue: number;
  revenueShare: Ratio;
  /** Historical CLV: monetary per customer. null for an empty segment. */
  averageMonetary: number | null;
  medianMonetary: number | null;
  averageRecencyDays: Ratio;
  averageFrequency: Ratio;
}

export interface PeriodRetention {
  /** "2024-03", "2024-Q1" or "2024" */
  period: string;
  /** customers with a counted order in the period */
  active: number;
  /** customers with a counted order in the period before */
  start: number;
  /** those of `start` who bought again in this period */
  retained: number;
  /** customers whose first order is in this period */
  new: number;
  retentionRate: Ratio;
  churnRate: Ratio;
}

export interface SpanComparison {
  from: DateString;
  to: DateString;
  previousFrom: DateString;
  previousTo: DateString;
  /** rows = recency, columns = frequency; customers grouped by their cell at the span's end */
  revenue: Matrix;
  orders: Matrix;
  customers: Matrix;
  previousRevenue: Matrix;
  previousOrders: Matrix;
  previousCustomers: Matrix;
}

export interface ProductRevenue {
  product: string;
  revenue: number;
  /** customers whose net spend on the product is positive */
  customers: number;
}

export interface AttributeGroup {
  customers: number;
  revenue: number;
  averageMonetary: number | null;
}

/** The summary's figures over one period: customers with a counted order in it, their counted orders, their net
 * revenue in it (refunds included), revenue / orders, and the share of them with two orders or more in it. */
export interface PeriodKpis {
  from: DateString;
  to: DateString;
  days: number;
  customers: number;
  orders: number;
  revenue: number;
  averageOrderValue: number | null;
  repeatCustomers: number;
  repeatRate: number | null;
}

/** A period compared with the current one. Unavailable (figures and change null, `reason` says why) when the file
 * does not cover it whole: it starts before the file's first order. */
export type ComparedPeriod = {
  available: boolean;
  reason: string | null;
  change: {
    /** (current - this) / this; null when this period's value is 0 (no base) */
    customers: number | null;
    orders: number | null;
    revenue: number | null;
    averageOrderValue: number | null;
    /** the repeat rate's difference in points (0.03 = 3 percentage points) */
    repeatRatePoints: number | null;
  } | null;
} & { [K in keyof PeriodKpis]: K extends 'from' | 'to' | 'days' ? PeriodKpis[K] : PeriodKpis[K] | null };

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
    /** orders (refunds included) dated outside the date range, left out */
    ordersOutsideRange: number;
    revenue: number;
    firstOrder: DateString | null;
    lastOrder: DateString | null;
    asOf: DateString | null;
  };
  /** What was read: an order file, or a per-customer summary and the sections it cannot give (empty for orders). */
  input: {
    format: 'orders' | 'customers';
    unavailableSections: UnavailableSection[];
  };
  /** The date range applied (from/to as given, null = open), what it left out, and the whole file's first and last
   * counted order (before the range: for choosing another one). */
  dateRange: {
    from: DateString | null;
    to: DateString | null;
    ordersBefore: number;
    ordersAfter: number;
    firstOrder: DateString | null;
    lastOrder: DateString | null;
  };
  /** The summary's current period against the period of equal length before it and the same dates a year
   * earlier, all from every order of the file (before the date range). */
  comparison: {
    /** 'dateRange': the current period is the range (to capped at asOf); 'lastDays': the last comparePeriodDays days up to asOf */
    basis: 'dateRange' | 'lastDays';
    current: PeriodKpis;
    previousPeriod: ComparedPeriod;
    samePeriodLastYear: ComparedPeriod;
  };
  /** role -> header name actually used, and the known export layout that matched */
  columns: ColumnMapping & { preset: 'shopify' | 'stripe' | 'woocommerce' | 'online-retail' | 'cdnow' | 'generic' | 'customer-summary'; captured?: string; cancelled?: string };
  rfMatrix: {
    recency: ['active', 'churning', 'lapsed'];
    frequency: ['single', 'multi', 'highValue'];
    thresholds: Required<RfThresholds>;
    /** rows = recency, columns = frequency */
    customers: Matrix;
    revenue: Matrix;
    share: Matrix;
  };
  /** Predicted customer value (BG/NBD or Pareto/NBD with Gamma-Gamma); absent with clv.model 'none'. */
  model?: ModelSection;
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
    /** ISO 4217 codes, or a sign several currencies share ("$", "¥") as written with the amounts */
    currencies: { currency: string; rows: number }[];
    mixedCurrencies: boolean;
    excludedStatuses: { status: string; rows: number }[];
    ordersWithSeveralCustomers: number;
    sharedOrderIds: string[];
    ordersMergedFromRows: number;
    rowsMerged: number;
    /** Several files analysed as one (only then present): how many, and the orders (and their rows)
     * of later files skipped because an earlier file had the same order id. */
    files?: number;
    duplicateOrders?: number;
    duplicateRows?: number;
    outliers: {
      orders: number;
      threshold: number;
      largestOrders: { customer: string; date: DateString; amount: number }[];
    };
  };
  rfm: {
    scores: { recency: ScoreBand[]; frequency: ScoreBand[]; monetary: ScoreBand[] };
    /** The rules in order, then Others. */
    segments: SegmentSummary[];
  };
  retention: {
    repeatPurchaseRate: Ratio;
    /** n = 1..10: of the customers with at least n orders, the share with at least n + 1 */
    repeatRateByOrderNumber: { orders: number; customers: number; repeated: number; rate: Ratio }[];
    /** days between consecutive orders of a customer; null values when no one bought twice */
    gaps: {
      count: number; median: Ratio; mean: Ratio; p75: Ratio; p90: Ratio;
      /** counts[i] = gaps of i * binDays to (i + 1) * binDays - 1 days; the last bin holds every longer gap too */
      histogram: { binDays: number; counts: number[] };
    };
    /** = gaps.p90 */
    dormancyThresholdDays: Ratio;
    monthly: PeriodRetention[];
    quarterly: PeriodRetention[];
    yearly: PeriodRetention[];
  };
  cohorts: {
    /** customers whose first order is before the first month listed (at most 600 months are) */
    customersOmitted: number;
    /** "YYYY-MM", from the first cohort to the month of asOf */
    months: string[];
    size: number[];
    /** [cohort][months after the cohort month] */
    customers: number[][];
    revenue: number[][];
    customerShare: Ratio[][];
    revenuePerCustomer: (number | null)[][];
  };
  pareto: { customers: number; topCustomers: number; top20RevenueShare: Ratio; /** 101 points */ lorenz: Ratio[] };
  churnRisk: {
    green: number;
    amber: number;
    red: number;
    multipliers: { green: number; amber: number };
    /** a one-time buyer's expected gap: the 90th percentile of first-to-second-order gaps (numpy's linear
     * quantile), or the RF active window when no one bought twice */
    singleOrderExpectedGapDays: number;
    /** customers with a second order: how many gaps that percentile is from */
    secondOrders: number;
    /** what set the lights: 'pAlive' when that basis was asked for (the default) and a model fitted */
    basis: 'gaps' | 'pAlive';
    /** the P(alive) thresholds */
    pAlive: { green: number; amber: number };
    /** lights set to amber because the gaps said green below P(alive) 0.2 or red above 0.8 */
    clampedByPAlive: number;
  };
  migration: {
    /** asOf - 365 days */
    from: DateString;
    to: DateString;
    fromCells: ['new', ...RfCellName[]];
    toCells: RfCellName[];
    /** [1 + cell then, or 0 = new][cell now] */
    customers: number[][];
  };
  performance: { monthToDate: SpanComparison; yearToDate: SpanComparison };
  /** null without a product column */
  topProducts: {
    byRfCell: { cell: RfCellName; products: ProductRevenue[] }[];
    bySegment: { segment: string; products: ProductRevenue[] }[];
  } | null;
  attributes: {
    attribute: string;
    customersWithoutValue: number;
    /** values beyond the 50 with the most customers */
    valuesOmitted: number;
    values: (AttributeGroup & {
      value: string;
      /** lift = the segment's share within the value / its share among all customers with a value */
      segments: (AttributeGroup & { segment: string; lift: Ratio })[];
    })[];
  }[];
  diagnostics: {
    warnings: { line: number; column: string; message: string }[];
    warningsOmitted: number;
    /** With the `measure` option. Seconds are CPU seconds natively and elapsed seconds in wasm (one
     * thread); the peak is the process's resident set natively, and in wasm the top the heap reached
     * (it never shrinks). */
    measured?: {
      inputBytes: number;
      peakMemoryBytes: number;
      /** In the order they end: 'value.fit' (the model fits) is a part of 'value'. */
      stages: { name: 'read' | 'customers' | 'value.fit' | 'value' | 'analyses'; seconds: number }[];
    };
  };
}

/** One entry per analysed customer, column by column (arrays the caller owns). */
export interface CustomerTable {
  readonly length: number;
  /** the customer column's values (ids or emails), decoded all at once on first use */
  readonly id: string[];
  /** one customer's id, decoded on its own (for showing a few of millions) */
  idAt(index: number): string;
  /** per customer the place of its id among all ids in code point order (for ASCII ids, as `<` compares strings), computed once */
  idRanks(): Uint32Array;
  /** idRanks() in steps: each next() does a bounded piece of the work (at most a few tens of ms at millions of customers); the generator returns the ranks */
  idRankSteps(): Generator<void, Uint32Array, void>;
  /** per customer 1 when its id contains `needle` (lower case) ignoring case, as id.toLowerCase().includes(needle), else 0 */
  idsContaining(needle: string): Uint8Array;
  /** days since 1970-01-01: new Date(days * 86400000) */
  readonly firstOrder: Int32Array;
  readonly lastOrder: Int32Array;
  readonly recencyDays: Int32Array;
  readonly frequency: Int32Array;
  /** in currency units */
  readonly monetary: Float64Array;
  /** RFM scores 1..5 */
  readonly r: Uint8Array;
  readonly f: Uint8Array;
  readonly m: Uint8Array;
  /** index into rfCellNames */
  readonly rfCell: Uint8Array;
  /** index into segmentNames (= report.rfm.segments) */
  readonly segment: Uint8Array;
  /** index into churnRiskNames */
  readonly churnRisk: Uint8Array;
  /** Predicted value (report.model), present when a transaction model was fitted: P(alive) at asOf, expected
   * purchases and order value over the horizon, discounted CLV over the horizon (currency units). The order
   * value and CLV come from Gamma-Gamma or, when it cannot be identified, the shrunk mean (report.model.spendModel). */
  readonly pAlive?: Float64Array;
  readonly expectedPurchases?: Float64Array;
  readonly expectedOrderValue?: Float64Array;
  readonly clv?: Float64Array;
  /** The expected date of the next order (days since 1970-01-01, as firstOrder): the median wait for
   * the next order of a customer alive at asOf, given only while P(alive) >= churnRisk.pAliveAmber
   * (default 0.2); NaN otherwise. */
  readonly nextOrder?: Float64Array;
  readonly rfCellNames: RfCellName[];
  readonly segmentNames: string[];
  readonly churnRiskNames: ['green', 'amber', 'red'];
}

/** The report (its JSON fields are exactly the core's document) with the per-customer table beside it. */
export type AnalysisResult = Report & {
  /** Not enumerable: JSON.stringify(result) is the report alone. */
  readonly customers: CustomerTable;
  /**
   * The customers of an RF cell ("active/single" ... "lapsed/highValue") or an RFM segment ("Champions" ...
   * "Others") as CSV for an email tool: the customer column and the metrics, CRLF line ends. The same bytes
   * as the CLI's `--export-segment NAME --out FILE`. Throws a RetentionError for an unknown name.
   */
  exportSegment(name: string): string;
};

export interface Engine {
  /** In Node an array of inputs is several files analysed as one, each with its own layout. */
  analyze(input: Input | Input[], options?: AnalyzeOptions): Promise<AnalysisResult>;
  /** Node only: the report exactly as the core wrote it ('json'), or the terminal summary ('text'). */
  analyzeToString?(input: Input, options?: AnalyzeOptions, format?: 'json' | 'text'): Promise<string>;
  /**
   * Node only: SQL computing, from an orders table, the per-customer table, RF cells, RFM scores and
   * segments exactly as `analyze` does from the same rows. The script's last statement returns one
   * row per customer (customer, first_order, last_order, recency_days, frequency, monetary, rf_cell,
   * r, f, m, segment, order_days, btyd_x, btyd_t_x, btyd_t, counted_revenue, repeat_revenue: a
   * summary that `analyze` reads back as format 'customers'); the two before it the RF matrix and the
   * segments (customers, revenue). Rejects with a RetentionError (code 'invalid_options').
   */
  sql?(options: SqlOptions): Promise<string>;
  /** Node only: an order file's rows as the engine read them, as the CSV table `sql` reads
   * (customer,order,date,amount,status; refunds subtracted, dates YYYY-MM-DD). */
  rows?(input: Input, options?: AnalyzeOptions): Promise<string>;
  /**
   * Loads and compiles the wasm now (in the browser, in the engine's worker), so that the first analyze
   * finds it ready: call it while the user picks a file. Resolves once it is ready; rejects with the
   * load's RetentionError ('wasm_load_failed', 'worker_failed'), and the next call tries again, so a
   * caller may ignore the rejection and let analyze report the error. In the browser createEngine
   * starts the worker but loads the wasm only on the first analyze or preload; in Node it starts at once.
   */
  preload(): Promise<void>;
  /** Frees the engine (terminates its worker in the browser). */
  close(): void;
}

export interface SqlOptions extends Pick<AnalyzeOptions, 'asOf' | 'rfThresholds' | 'segments'> {
  dialect: 'duckdb' | 'postgres' | 'spark' | 'bigquery';
  /** default 'orders'; 'schema.table' quotes each part */
  table?: string;
  /** customer and date, and amount (or quantity and unitPrice), are required */
  columns: Pick<ColumnMapping, 'customer' | 'date' | 'amount' | 'order' | 'refund' | 'quantity' | 'unitPrice' | 'status'>;
  /** statuses meaning no money moved (compared as ASCII letters and digits, lower case); default the engine's list */
  excludedStatuses?: string[];
}

/** Where the engine's files are, and where it runs. */
export interface EngineOptions {
  /**
   * The engine's WebAssembly (retention-kit.wasm). Default: next to the package's own files, where
   * bundlers put it. Relative URLs are resolved against the page. In Node: a file path, a file: URL or
   * an http(s) URL (for a server bundle that moved the file).
   */
  wasmUrl?: string | URL;
  /**
   * Browser only: the engine's worker script (web/lib/worker.js of the package, e.g. on a CDN). On
   * another origin it is started through a same-origin blob worker that imports it (CORS applies).
   */
  workerUrl?: string | URL;
  /**
   * Browser only: false runs the engine in the calling thread (a worker of your own, an edge runtime,
   * or the page for small files). Default true: a Web Worker of its own.
   */
  worker?: boolean;
}

/**
 * Creates an engine. The wasm loads in the background (in the browser: with the first analyze() or preload()); a
 * failed load rejects the first analyze() and is tried again on the next.
 */
export function createEngine(options?: EngineOptions): Promise<Engine>;

/**
 * Why an analysis failed. The core's codes: the file or the options could not be used. The package's
 * codes: the engine could not run.
 */
export type RetentionErrorCode =
  /** an option, a column name or a segment rule table is wrong (the message names it) */
  | 'invalid_options'
  /** the input has no bytes */
  | 'empty_input'
  /** a header but no data rows */
  | 'no_data_rows'
  /** no customer, date or amount column found (or a named column is not in the header) */
  | 'missing_column'
  /** a quoted CSV field is never closed (line = where it starts) */
  | 'unterminated_quote'
  /** the JSON or NDJSON input is malformed (line = where) */
  | 'invalid_json'
  /** binary or UTF-16 input, not text */
  | 'not_text'
  /** strict mode: a row could not be read (line = the row) */
  | 'rejected_row'
  /** no row made a counted order */
  | 'no_orders'
  /** a JSON document or an NDJSON line larger than the engine holds at once (the message names the limit and the size) */
  | 'input_too_large'
  /** the wasm heap ran out (at most 4 GB; the message names the size read): a new module starts on the next call */
  | 'out_of_memory'
  /** a bug in the engine */
  | 'internal'
  /** the wasm file could not be loaded: the message names the URL and the HTTP status (tried again on the next call) */
  | 'wasm_load_failed'
  /** browser: the engine's worker script could not be loaded or stopped (a new one starts on the next call) */
  | 'worker_failed'
  /** the wasm module stopped (out of memory, most likely): a new one starts on the next call */
  | 'engine_failed';

export class RetentionError extends Error {
  name: 'RetentionError';
  code: RetentionErrorCode;
  /** 1-based file line (header = 1), 0 when none applies */
  line: number;
}

export interface ModelFit {
  model: string;
  customers: number;
  /** distinct (x, t_x, T) rows the likelihood was summed over */
  distinctRows: number;
  /** technical reason the fit was not used (for a "How this was computed" disclosure) */
  error?: string;
  parameters?: Record<string, number>;
  standardErrors?: Record<string, number>;
  logLikelihood?: number;
  convergence?: {
    converged: boolean; optimizer: string; iterations: number; evaluations: number; starts: number;
    /** Large files only: the starts were tried on a sample of this many customers, then the best point was polished on every customer. */
    sampledCustomers?: number; sampleEvaluations?: number; gradientNorm: number;
  };
}

export interface ValueGroup {
  customers: number;
  meanPAlive: number | null;
  meanClv: number | null;
}

export interface ModelSection {
  model: 'mbgnbd' | 'bgnbd' | 'pareto-nbd';
  timeUnit: 'weeks' | 'days';
  horizonMonths: number;
  monthlyDiscountRate: number;
  penalty: number;
  /** when no transaction model could be fitted: one plain sentence for a merchant, with what would fix it */
  message?: string;
  /** ... and the technical reason (model and optimiser terms); nothing else is then set */
  error?: string;
  sameDayOrdersMerged?: number;
  transactions?: ModelFit;
  spend?: ModelFit;
  /** what the order values come from: Gamma-Gamma, or each customer's mean order value shrunk toward the
   * population mean, (n m + M) / (n + 1) for n orders of mean m, when Gamma-Gamma cannot be identified */
  spendModel?: 'gamma-gamma' | 'shrunk-mean';
  /** shrunk-mean: why, in plain words */
  spendMessage?: string;
  /** shrunk-mean: M, the mean value of all transactions */
  populationMeanOrderValue?: number;
  prediction?: {
    meanPAlive: number;
    expectedPurchases: number;
    clv: number | null;
    byRfCell: (ValueGroup & { cell: string })[];
    bySegment: (ValueGroup & { segment: string })[];
  };
  validation?: {
    calibrationEnd: DateString;
    holdoutEnd: DateString;
    holdoutLength: number;
    error?: string;
    transactions?: ModelFit;
    byFrequency?: { frequency: number; customers: number; actual: number; predicted: number }[];
    total?: { actual: number; predicted: number };
    /** per customer: mean |predicted - actual| holdout purchases, and the root mean square */
    perCustomer?: { meanAbsoluteError: number; rootMeanSquareError: number };
  };
}
