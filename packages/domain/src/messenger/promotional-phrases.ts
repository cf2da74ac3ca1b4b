/**
 * Words and phrases that make a message read as a promotion. Facebook's 2020 policy forbids
 * promotional content in tagged messages, so a tagged message using any of these is flagged.
 * Matched case-insensitively on word boundaries; short on purpose, to keep false alarms rare.
 */
export const PROMOTIONAL_PHRASES: readonly string[] = [
  "sale",
  "% off",
  "discount",
  "coupon",
  "promo code",
  "buy now",
  "shop now",
  "free shipping",
  "limited offer",
  "special offer",
  "deal",
  "black friday",
];

const patterns = PROMOTIONAL_PHRASES.map((phrase) => {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
  // "% off" follows a number ("20% off"), so it needs no word boundary before it.
  const before = /^\w/.test(phrase) ? "(?<![\\p{L}\\p{N}])" : "";
  return { phrase, pattern: new RegExp(`${before}${escaped}(?![\\p{L}\\p{N}])`, "iu") };
});

/**
 * The promotional phrases a message uses, in list order, each once.
 * @example findPromotionalPhrases("Our SALE: 20% off") // ["sale", "% off"]
 */
export function findPromotionalPhrases(text: string): string[] {
  return patterns.filter(({ pattern }) => pattern.test(text)).map(({ phrase }) => phrase);
}
