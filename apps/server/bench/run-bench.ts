/**
 * Runs a benchmark script and ends the process with its result. The explicit exit is deliberate:
 * a benchmark leaves keep-alive sockets, database pools and the sandbox's timers open, and a
 * by-hand run should end as soon as the figures are printed, with a non-zero code on failure.
 */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
