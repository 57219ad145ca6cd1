// The date-range control above the summary cards (issue 10): From/To and presets counted back from the
// file's last order (report.dateRange.lastOrder), not from today: an export is often weeks old.
const DAY = 86_400_000;
const addDays = (iso, n) => new Date(Date.parse(iso) + n * DAY).toISOString().slice(0, 10);
// The day after the same date a year earlier: twelve months ending on `iso` (29 February -> 1 March).
const twelveMonthsTo = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return addDays(new Date(Date.UTC(y - 1, m - 1, m === 2 && d === 29 ? 28 : d)).toISOString().slice(0, 10), 1);
};

export const RANGE_PRESETS = {
  all: 'All time',
  last90: 'Last 90 days',
  last365: 'Last 12 months',
  custom: 'Custom dates',
};

// The presets count back from the file's last order, which is rarely today: each says so, with the day
// ("Last 90 days of the file, to 30 Dec 2024"), so that nobody reads it as the 90 days before today.
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
export function presetLabel(preset, lastOrder) {
  if (!lastOrder || !['last90', 'last365'].includes(preset)) return RANGE_PRESETS[preset];
  const span = preset === 'last90' ? 'Last 90 days' : 'Last 12 months';
  return `${span} of the file, to ${dayFormat.format(new Date(Date.parse(lastOrder)))}`;
}

// {from, to} of a preset (null = open); custom keeps what is typed.
export function presetRange(preset, lastOrder) {
  if (!lastOrder || preset === 'all') return { from: null, to: null };
  if (preset === 'last90') return { from: addDays(lastOrder, -89), to: lastOrder };
  if (preset === 'last365') return { from: twelveMonthsTo(lastOrder), to: lastOrder };
  return null;
}

// The preset that gives exactly these dates, else custom.
function presetOf(range, lastOrder) {
  for (const preset of ['all', 'last90', 'last365']) {
    const dates = presetRange(preset, lastOrder);
    if (dates && dates.from === (range.from ?? null) && dates.to === (range.to ?? null)) return preset;
  }
  return 'custom';
}

// Shows the range the report applied, with the file's first and last order as the inputs' limits.
export function fillRange(form, report) {
  const { from, to, firstOrder, lastOrder } = report.dateRange;
  form.elements.from.value = from ?? '';
  form.elements.to.value = to ?? '';
  for (const input of [form.elements.from, form.elements.to]) {
    input.min = firstOrder ?? '';
    input.max = lastOrder ?? '';
    input.setAttribute('aria-invalid', 'false');
  }
  for (const option of form.elements.preset.options) option.textContent = presetLabel(option.value, lastOrder);
  form.elements.preset.value = presetOf({ from, to }, lastOrder);
  form.querySelector('[data-testid="range-error"]').textContent = '';
}

// The range the form asks for, or {error} said in plain words next to it.
export function readRange(form, lastOrder) {
  const preset = form.elements.preset.value;
  const dates = presetRange(preset, lastOrder) ?? { from: form.elements.from.value || null, to: form.elements.to.value || null };
  if (dates.from && dates.to && dates.from > dates.to) return { ...dates, error: 'The start date is after the end date.' };
  return dates;
}

// "Orders from 2024-01-01 to 2024-03-31 (120 orders outside left out)" for the status line, or ''.
export function rangeText(report) {
  const r = report.dateRange;
  if (!r.from && !r.to) return '';
  const span = r.from && r.to ? `from ${r.from} to ${r.to}` : r.from ? `from ${r.from} on` : `up to ${r.to}`;
  const outside = r.ordersBefore + r.ordersAfter;
  return ` Only orders ${span}: ${outside} ${outside === 1 ? 'order' : 'orders'} outside left out.`;
}
