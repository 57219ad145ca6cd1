// Issue 14: a per-customer summary (one row per customer) cannot answer the panels that need every
// order. Those panels are hidden, and one note says which answers are missing and why, in the
// merchant's words, instead of empty charts.

// Panel -> the report section (report.input.unavailableSections) it shows.
const PANEL_SECTIONS = {
  retention: 'retention.monthly',
  gaps: 'retention.gaps',
  performance: 'performance',
  cohorts: 'cohorts',
  migration: 'migration',
  products: 'topProducts',
};

const PANEL_TITLES = {
  retention: 'Do customers come back?',
  gaps: 'How long until the next order?',
  performance: 'This month and this year against last year',
  cohorts: 'Do new customers stay?',
  migration: 'Where did last year’s customers go?',
  products: 'What do they buy?',
};

/** The panels this report cannot fill, each with the engine's reason. */
export function unavailablePanels(report) {
  const reasons = new Map((report.input?.unavailableSections ?? []).map((u) => [u.section, u.reason]));
  const out = new Map();
  for (const [panel, section] of Object.entries(PANEL_SECTIONS)) if (reasons.has(section)) out.set(panel, reasons.get(section));
  return out;
}

/** Hides the panels a summary cannot fill and writes the note; shows them again for an order file. */
export function showUnavailable(root, report) {
  const missing = unavailablePanels(report);
  for (const panel of Object.keys(PANEL_SECTIONS)) {
    const element = root.querySelector(`[data-panel="${panel}"]`);
    if (element) element.hidden = missing.has(panel);
  }
  const note = root.querySelector('[data-testid="unavailable-note"]');
  if (!note) return;
  note.hidden = missing.size === 0;
  note.replaceChildren();
  if (!missing.size) return;
  const intro = document.createElement('p');
  intro.textContent = 'This file is a customer summary: one row per customer with totals and the first and last order. ' +
    'Who your customers are, segments, churn risk, concentration and predicted value are all here; these answers need ' +
    'the orders themselves, so drop the order export to see them:';
  const list = document.createElement('ul');
  for (const [panel, reason] of missing) {
    const item = document.createElement('li');
    const title = document.createElement('strong');
    title.textContent = `${PANEL_TITLES[panel]} `;
    item.append(title, reason.split(' A customer summary')[0]);
    list.append(item);
  }
  note.append(intro, list);
}
