/** One `entry[]` item waiting to be posted. */
export interface QueuedEntry {
  pageId: string;
  field: string;
  time: number;
  event: unknown;
  readyAt: number;
}
