/** A refused sandbox (not Graph) operation: unknown person or page, bad input. */
export class SandboxError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}
