// What server rendering does: import the page's component in plain Node (no DOM).
const { RetentionDashboard } = await import('retention-kit/dashboard');
console.log(typeof RetentionDashboard, typeof globalThis.customElements);
