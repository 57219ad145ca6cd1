// A generated shop for the warehouse tests (issue 14): `customers` customers with line items, refunds,
// excluded statuses, rows without a customer or an order id, as the plain table the SQL reads
// (customer,order,date,amount,status). Deterministic: the same seed gives the same bytes.
export function generateShop(customers, seed = 14) {
  let state = seed >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const day0 = Date.UTC(2021, 0, 1);
  const iso = (day) => new Date(day0 + day * 86400000).toISOString().slice(0, 10);
  const cents = (c) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;
  const lines = ['customer,order,date,amount,status'];
  let order = 100000;
  for (let c = 0; c < customers; c++) {
    const id = `c${c}`;
    const orders = 1 + Math.floor(-Math.log(1 - random()) * 1.5);
    let day = Math.floor(random() * 1400);
    for (let k = 0; k < orders && day < 1461; k++) {
      const status = random() < 0.02 ? (random() < 0.5 ? 'pending' : 'Failed') : random() < 0.5 ? 'paid' : '';
      if (random() < 0.05) {
        // no order id: the row is an order of its own
        lines.push(`${id},,${iso(day)},${cents(500 + Math.floor(random() * 20000))},${status}`);
      } else {
        const items = 1 + Math.floor(random() * 3);
        const name = `#${order++}`;
        for (let i = 0; i < items; i++) {
          // a later line may carry a later date: the order's date is its earliest
          const lineDay = day + (i > 0 && random() < 0.2 ? 1 : 0);
          lines.push(`${id},${name},${iso(lineDay)},${cents(100 + Math.floor(random() * 15000))},${i === 0 ? status : ''}`);
        }
        if (random() < 0.03) lines.push(`${id},C${name},${iso(day + 3)},${cents(-(100 + Math.floor(random() * 5000)))},${random() < 0.7 ? 'refund' : 'Refunded'}`);
      }
      day += 1 + Math.floor(-Math.log(1 - random()) * 120);
    }
    if (random() < 0.005) lines.push(`${random() < 0.5 ? '' : 'NA'},#x${c},${iso(day % 1461)},12.00,paid`);
  }
  return `${lines.join('\n')}\n`;
}
