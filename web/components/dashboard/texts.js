// The dashboard's words for merchants, in one table (English): who the customers of each RF cell and
// default RFM segment are, and the next step with its timing. The plays come from the merchant articles
// (shared/seeds): VIP offers and early access for the best customers, a re-engagement campaign for
// at-risk customers after a set number of days, a reward on the second purchase, a thank-you note,
// a discount on the next order for first-time buyers. To translate, replace this module's strings;
// a user's own segment rule carries its own `description` and `action` (they win over this table).

// RF matrix cells, keyed "recency/frequency" as in the report.
export const RF_CELL_TEXTS = {
  'active/single': {
    who: 'Bought once, recently: new customers still deciding whether to come back.',
    action: 'Send a thank-you note now and a code for their next order within 2 weeks; the second purchase makes a regular.',
  },
  'active/multi': {
    who: 'Bought twice, recently: on their way to becoming regulars.',
    action: 'Reward the third order (points or a small gift) within a month of their last one.',
  },
  'active/highValue': {
    who: 'Your best customers: buy often and bought recently.',
    action: 'Treat them as VIPs: early access to new products and a personal thank-you, every month. No discounts needed.',
  },
  'churning/single': {
    who: 'Bought once, a few months ago, and not since.',
    action: 'Send a re-engagement email with a reason to return (new products, a time-limited offer) now, before they forget you.',
  },
  'churning/multi': {
    who: 'Came back once, then went quiet for months.',
    action: 'Ask what would bring them back and send a personal offer this week; follow up after 30 days.',
  },
  'churning/highValue': {
    who: 'Loyal customers who have stopped buying: the costliest to lose.',
    action: 'Contact them personally this week (a call or a hand-written note) and offer something exclusive.',
  },
  'lapsed/single': {
    who: 'Bought once, over a year ago: most will not return.',
    action: 'Include them in one win-back campaign a year (for example before the season); do not spend more on them.',
  },
  'lapsed/multi': {
    who: 'Bought twice, but over a year ago.',
    action: 'Send a win-back offer before your next season starts; remove them from regular mailings if they do not react.',
  },
  'lapsed/highValue': {
    who: 'Former regulars who have not bought for over a year.',
    action: 'Try a personal win-back message with your best offer once; ask for feedback on why they left.',
  },
};

// The default RFM segments (SPEC 4), keyed by name.
export const SEGMENT_TEXTS = {
  Champions: {
    who: 'Bought recently, buy often and spend the most.',
    action: 'VIP milestone offers and early access to new products, monthly; ask them for reviews and referrals.',
  },
  'Potential Loyalist': {
    who: 'Recent customers with several orders and good spend.',
    action: 'Invite them to your loyalty programme now; reward the next order within 30 days.',
  },
  'Loyal Customers': {
    who: 'Buy regularly and spend well, though not the very latest.',
    action: 'Upsell and cross-sell related products monthly; points multipliers keep them coming.',
  },
  Promising: {
    who: 'Recent buyers who spend well but have few orders yet.',
    action: 'Build the habit: a reward on the second purchase, offered within 2 weeks.',
  },
  'New Customers': {
    who: 'Bought for the first time recently.',
    action: 'A welcome and thank-you email now, a next-order code after 2 weeks.',
  },
  "Can't Lose Them": {
    who: 'Used to buy often and spend a lot, but not for a long time.',
    action: 'Win them back personally this week: a call or note and an exclusive offer.',
  },
  'At Risk': {
    who: 'Spent a lot and bought several times, but have gone quiet.',
    action: 'Start a re-engagement campaign 60 days after their last order; personalise it with what they bought.',
  },
  'Need Attention': {
    who: 'Good customers whose last order is a while ago.',
    action: 'A limited-time offer on products they like, within the next month.',
  },
  'About To Sleep': {
    who: 'Below-average customers drifting away.',
    action: 'Share popular products or a seasonal early-access deal before the season; keep it low cost.',
  },
  Lost: {
    who: 'Last bought long ago, rarely and for little.',
    action: 'One win-back attempt a year at most; otherwise leave them out of paid campaigns.',
  },
  Others: {
    who: 'Customers no rule describes.',
    action: 'Check the segment rules under Analysis settings if this group is large.',
  },
};

// A segment's texts: its own rule's texts (from the report) first, then this table.
export function segmentTexts(segment) {
  const table = SEGMENT_TEXTS[segment.name] ?? {};
  return { who: segment.description || table.who || '', action: segment.action || table.action || '' };
}

// Short explanations shown as tooltips next to the words merchants may not know.
export const GLOSSARY = {
  pAlive: 'Chance they still buy from you: estimated from how often and how recently each customer bought.',
  lift: 'How much more common a segment is among these customers than among all customers: 2 means twice as common, 1 as common.',
  concentration: 'How much of your revenue comes from a few customers: the further the curve sags below the diagonal, the more you depend on them.',
  rfCell: 'Customers grouped by how recently they bought (rows) and how many orders they placed (columns).',
  rfm: 'Scores 1 to 5 for how recently, how often and how much each customer bought (5 = the best fifth).',
  retention: 'Of the customers who bought in one period, the share who bought again in the next.',
  clv: 'The revenue a customer is expected to bring over the next months, from their buying so far.',
};

// Below this many customers a rate or a cell rests on too few people to act on: it is muted and labelled.
export const SMALL_SAMPLE = 20;
