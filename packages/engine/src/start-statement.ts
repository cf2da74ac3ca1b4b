/**
 * Sends a Drizzle statement now rather than when first awaited. Statements started one after
 * another on a transaction reach PostgreSQL in that order, pipelined on its connection: the
 * transaction then waits for one round trip, however many statements it sends together.
 */
export function startStatement<T>(statement: PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    statement.then(resolve, reject);
  });
}
