// The customers of one RF cell or RFM segment: a sortable, searchable table that renders only the rows
// in view, straight from the report's typed-array columns (smooth at a million customers).
import { cellLabel, h, integer, isoDate, money } from './dom.js';
import { sortSteps } from './row-sort.js';

const ROW_HEIGHT = 32;
const OVERSCAN = 6;
// A sort runs in slices of about this long, so that the page stays responsive (a long task is 50 ms).
const SLICE_MS = 16;

// The columns shown; `value(c, i)` is the sort key, `text(c, i)` the cell text. `keySteps(c)` makes the
// key function in steps (a generator that returns it): for ids, their ranks computed once.
function columnsFor(customers) {
  const columns = [
    { key: 'id', label: 'Customer', text: (c, i) => c.idAt(i), wide: true,
      *keySteps(c) {
        const ranks = yield* c.idRankSteps();
        return (i) => ranks[i];
      } },
    { key: 'segment', label: 'Segment', value: (c, i) => c.segment[i], text: (c, i) => c.segmentNames[c.segment[i]], wide: true },
    { key: 'rfCell', label: 'Group', value: (c, i) => c.rfCell[i], text: (c, i) => cellLabel(c.rfCellNames[c.rfCell[i]]), wide: true },
    { key: 'recencyDays', label: 'Days since last order', numeric: true },
    { key: 'frequency', label: 'Orders', numeric: true },
    { key: 'monetary', label: 'Spent', numeric: true, text: (c, i) => money.format(c.monetary[i]) },
    { key: 'rfm', label: 'R F M', value: (c, i) => c.r[i] * 100 + c.f[i] * 10 + c.m[i], text: (c, i) => `${c.r[i]} ${c.f[i]} ${c.m[i]}` },
    { key: 'churnRisk', label: 'Churn risk', value: (c, i) => c.churnRisk[i], text: (c, i) => c.churnRiskNames[c.churnRisk[i]], risk: true },
    { key: 'lastOrder', label: 'Last order', numeric: true, text: (c, i) => isoDate(c.lastOrder[i]) },
  ];
  // Predicted value columns arrive with the lifetime-value models (issue 5), when they ran.
  if (customers.pAlive) columns.push({ key: 'pAlive', label: 'Chance still buying', numeric: true, text: (c, i) => `${Math.round(c.pAlive[i] * 100)}%` });
  if (customers.clv) columns.push({ key: 'clv', label: 'Predicted CLV', numeric: true, text: (c, i) => money.format(c.clv[i]) });
  // NaN (not likely alive) sorts last and shows a dash: there is no date to expect.
  if (customers.nextOrder) {
    columns.push({ key: 'nextOrder', label: 'Next order (expected)', numeric: true,
      value: (c, i) => (Number.isNaN(c.nextOrder[i]) ? Infinity : c.nextOrder[i]),
      text: (c, i) => (Number.isNaN(c.nextOrder[i]) ? '–' : isoDate(c.nextOrder[i])) });
  }
  for (const column of columns) {
    column.value ??= (c, i) => c[column.key][i];
    column.keySteps ??= function* keySteps(c) {
      return (i) => column.value(c, i);
    };
    column.text ??= (c, i) => integer.format(c[column.key][i]);
  }
  return columns;
}

export class CustomerTable {
  constructor(root) {
    this.root = root; // the panel's elements, found by data-testid
    this.title = root.querySelector('[data-testid="customers-title"]');
    this.count = root.querySelector('[data-testid="customers-count"]');
    this.search = root.querySelector('[data-testid="customer-search"]');
    this.head = root.querySelector('[data-testid="customer-head"]');
    this.body = root.querySelector('[data-testid="customer-body"]');
    this.spacer = root.querySelector('.vspacer');
    this.table = root.querySelector('[data-testid="customer-table"]');
    this.pool = [];
    this.order = new Uint32Array(0);
    this.body.addEventListener('scroll', () => this.schedule());
    new ResizeObserver(() => this.schedule()).observe(this.body);
    let timer;
    this.search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.refilter(), 150);
    });
  }

  // Shows the customers for whom `select(i)` is true (all when it is null), titled `title`.
  show(customers, { title, select }) {
    this.customers = customers;
    this.select = select;
    this.columns = columnsFor(customers);
    this.sort = { key: 'monetary', descending: true };
    this.title.textContent = title;
    this.table.setAttribute('aria-label', `Customers: ${title}`);
    delete this.root.dataset.empty;
    this.buildHead();
    for (const row of this.pool) delete row.dataset.row; // the pool may show another report's rows
    this.search.disabled = false;
    this.search.value = '';
    this.refilter();
  }

  clear(message) {
    this.sorting = null;
    this.table.removeAttribute('aria-busy');
    this.root.dataset.empty = '';
    this.customers = null;
    this.order = new Uint32Array(0);
    this.title.textContent = message;
    this.count.textContent = '';
    this.search.disabled = true;
    this.head.replaceChildren();
    this.render();
  }

  buildHead() {
    // The customer id (often an email, the column a merchant exports) gets the most room.
    const template = this.columns.map((c) => (c.key === 'id' ? 'minmax(15rem, 2.4fr)' : c.wide ? 'minmax(9rem, 1.6fr)' : 'minmax(6.75rem, 1fr)')).join(' ');
    this.table.style.setProperty('--columns', template);
    this.head.replaceChildren(
      ...this.columns.map((column) =>
        h(
          'div',
          { role: 'columnheader', class: column.numeric ? 'num' : '', dataset: { key: column.key } },
          h('button', { type: 'button', class: 'sort', text: column.label, onclick: () => this.sortBy(column.key) }),
        ),
      ),
    );
    this.markSort();
  }

  markSort() {
    for (const header of this.head.children) {
      const active = header.dataset.key === this.sort.key;
      header.setAttribute('aria-sort', active ? (this.sort.descending ? 'descending' : 'ascending') : 'none');
    }
  }

  sortBy(key) {
    this.sort = { key, descending: this.sort.key === key ? !this.sort.descending : key !== 'id' };
    this.markSort();
    this.applySort();
  }

  refilter() {
    const c = this.customers;
    if (!c) return;
    const needle = this.search.value.trim().toLowerCase();
    const matches = needle ? c.idsContaining(needle) : null;
    const picked = new Uint32Array(c.length);
    let n = 0;
    for (let i = 0; i < c.length; i++) {
      if (this.select && !this.select(i)) continue;
      if (matches && !matches[i]) continue;
      picked[n++] = i;
    }
    this.order = picked.slice(0, n);
    this.count.textContent = `${integer.format(n)} ${n === 1 ? 'customer' : 'customers'}`;
    this.table.setAttribute('aria-rowcount', String(n + 1));
    this.applySort();
  }

  // Sorts the listed rows by the chosen column, then shows them from the top. At millions of customers
  // a sort takes a few hundred ms: it runs in slices (the table is aria-busy meanwhile), and a newer
  // sort or filter replaces it.
  applySort() {
    const column = this.columns.find((c) => c.key === this.sort.key);
    const sign = this.sort.descending ? -1 : 1;
    const c = this.customers;
    const order = this.order;
    const steps = (function* steps() {
      const keyOf = yield* column.keySteps(c);
      yield* sortSteps(order, (i) => sign * keyOf(i));
    })();
    const sorting = (this.sorting = {});
    const advance = () => {
      if (this.sorting !== sorting) return;
      const until = performance.now() + SLICE_MS;
      do {
        if (steps.next().done) {
          this.sorting = null;
          this.table.removeAttribute('aria-busy');
          this.body.scrollTop = 0;
          this.render();
          return;
        }
      } while (performance.now() < until);
      this.table.setAttribute('aria-busy', 'true');
      setTimeout(advance);
    };
    advance();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  // Places a pool of row elements over the visible part of the scroll area.
  render() {
    const total = this.order.length;
    this.spacer.style.height = `${total * ROW_HEIGHT}px`;
    // An empty list (cleared) reads no layout: nothing to place.
    const first = total ? Math.max(0, Math.floor(this.body.scrollTop / ROW_HEIGHT) - OVERSCAN) : 0;
    const visible = total ? Math.ceil((this.body.clientHeight || 400) / ROW_HEIGHT) + 2 * OVERSCAN : 0;
    const last = Math.min(total, first + visible);
    while (this.pool.length < last - first) {
      const row = h('div', { role: 'row', class: 'vrow' });
      this.pool.push(row);
      this.body.append(row);
    }
    this.pool.forEach((row, k) => {
      const index = first + k;
      if (index >= last) {
        row.hidden = true;
        return;
      }
      row.hidden = false;
      const i = this.order[index];
      row.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
      row.setAttribute('aria-rowindex', String(index + 2));
      if (row.dataset.row === String(i) && row.childElementCount === this.columns.length) return;
      row.dataset.row = String(i);
      row.replaceChildren(
        ...this.columns.map((column) => {
          const text = column.text(this.customers, i);
          // The full text on hover and to assistive technology when a long id is cut with an ellipsis.
          return h('div', { role: 'cell', class: `${column.numeric ? 'num' : ''}${column.risk ? ` risk risk-${text}` : ''}`, dataset: { key: column.key }, title: column.wide ? text : undefined, text });
        }),
      );
    });
  }
}
