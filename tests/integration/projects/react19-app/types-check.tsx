// Type-checked only (tsc --noEmit, strict): the package's types as a TypeScript + React 19 user meets them.
import { useState } from 'react';
import { createEngine, RetentionError, type AnalysisResult } from 'retention-kit';
import type {} from 'retention-kit/dashboard/jsx';
import 'retention-kit/dashboard';

export function App() {
  const [report, setReport] = useState<AnalysisResult | null>(null);
  return (
    <retention-dashboard
      src="/orders.csv"
      options={{ asOf: '2024-12-31', rfThresholds: { activeBelowDays: 60 } }}
      worker-url="/assets/worker.js"
      onanalyzed={(event) => setReport(event.detail.report)}
      onerror={(event) => console.error(event.detail.error.message, report?.summary.customers)}
    />
  );
}

// @ts-expect-error: the engine takes no option of that name, so the element's props must reject it
export const misspelt = <retention-dashboard options={{ asOff: '2024-12-31' }} />;

export async function load(bytes: Uint8Array): Promise<number> {
  const engine = await createEngine({ wasmUrl: new URL('/assets/retention-kit.wasm', 'https://shop.example'), worker: false });
  try {
    return (await engine.analyze(bytes)).summary.customers;
  } catch (error) {
    if (error instanceof RetentionError && error.code === 'wasm_load_failed') return -1;
    // @ts-expect-error: not one of the documented codes
    if (error instanceof RetentionError && error.code === 'wasm_missing') return -2;
    throw error;
  }
}
