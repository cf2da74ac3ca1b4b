/** How a message ended up not sent: skipped by the node, refused by Facebook, or unknown. */
export type ReasonKind = "warning" | "failed" | "unknown";

/** One reason for not sending, with how many messages it stopped. */
export interface ReasonCount {
  kind: ReasonKind;
  /** In plain words (Facebook's errors explained by the domain). */
  reason: string;
  /** Facebook's code and message as recorded, under an explained error; null for warnings. */
  detail: string | null;
  count: number;
}

const KIND_ORDER: Record<ReasonKind, number> = { failed: 0, unknown: 1, warning: 2 };

/** Most frequent first; ties by kind (errors before warnings), then by reason. */
export function sortReasons(reasons: ReasonCount[]): ReasonCount[] {
  return reasons.sort(
    (a, b) =>
      b.count - a.count ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.reason.localeCompare(b.reason) ||
      (a.detail ?? "").localeCompare(b.detail ?? ""),
  );
}
