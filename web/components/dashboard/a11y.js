// Keyboard and overflow care for the dashboard: scrolling tables get focus, a name and a visible cue;
// the RF matrix moves with the arrow keys (one Tab stop, as a grid). Display only.

const observed = new WeakSet();
const cues = new WeakMap(); // box -> its "Scroll sideways" cue

// The boxes to check are collected and checked once per frame: every box's size is read first, then the
// attributes are written, so a dashboard drawn in one go costs one layout here, not one per box.
const due = new Set();
let frame = 0;

function check() {
  frame = 0;
  const boxes = [...due].filter((box) => box.isConnected);
  due.clear();
  const sizes = boxes.map((box) => [box.scrollWidth > box.clientWidth + 1, box.scrollHeight > box.clientHeight + 1]);
  boxes.forEach((box, i) => {
    const [wide, tall] = sizes[i];
    box.toggleAttribute('data-overflow', wide);
    cues.get(box).toggleAttribute('data-show', wide);
    // Focusable only when there is something to scroll to (axe: scrollable-region-focusable). Written
    // only when it changes: any write makes the next frame check the style again.
    if (!(wide || tall)) box.removeAttribute('tabindex');
    else if (box.getAttribute('tabindex') !== '0') box.tabIndex = 0;
  });
}

function schedule(box) {
  due.add(box);
  frame ||= requestAnimationFrame(check);
}

// Every scrolling box: reachable by keyboard, named after its panel, and marked while it overflows,
// so the CSS shows "Scroll sideways for more" and an edge shadow (nothing is clipped without a cue).
export function enhance(root) {
  for (const box of root.querySelectorAll('.table-scroll')) {
    if (observed.has(box)) continue;
    observed.add(box);
    const heading = box.closest('section, details')?.querySelector('h2');
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', `${heading?.textContent.trim() || 'Table'} (scrollable)`);
    const cue = document.createElement('p');
    cue.className = 'scroll-cue';
    cue.setAttribute('aria-hidden', 'true');
    cue.textContent = 'Scroll sideways for more →';
    box.before(cue);
    cues.set(box, cue);
    new ResizeObserver(() => schedule(box)).observe(box);
    new MutationObserver(() => schedule(box)).observe(box, { childList: true, subtree: true });
    schedule(box);
  }
}

// Arrow keys, Home and End move between the RF matrix's cells; only one cell is in the Tab order.
export function rfKeys(table) {
  const buttons = () => [...table.querySelectorAll('.rf-button')];
  const roving = () => {
    const all = buttons();
    const current = all.find((b) => b.tabIndex === 0 && !b.disabled) ?? all.find((b) => !b.disabled);
    for (const b of all) b.tabIndex = b === current ? 0 : -1;
  };
  new MutationObserver(roving).observe(table, { subtree: true, attributes: true, attributeFilter: ['disabled'] });
  table.addEventListener('keydown', (event) => {
    const all = buttons();
    const index = all.indexOf(event.target);
    if (index < 0) return;
    const move = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] }[event.key];
    let next = -1;
    if (move) {
      let [row, col] = [Math.floor(index / 3), index % 3];
      for (;;) {
        row += move[0];
        col += move[1];
        if (row < 0 || row > 2 || col < 0 || col > 2) break;
        if (!all[row * 3 + col].disabled) {
          next = row * 3 + col;
          break;
        }
      }
    } else if (event.key === 'Home') next = all.findIndex((b) => !b.disabled);
    else if (event.key === 'End') next = all.findLastIndex((b) => !b.disabled);
    else return;
    event.preventDefault();
    if (next < 0) return;
    for (const b of all) b.tabIndex = -1;
    all[next].tabIndex = 0;
    all[next].focus();
  });
  roving();
}
