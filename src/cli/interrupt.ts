// Ctrl-C / SIGTERM: main.ts aborts `interruption`; every Configuration carries its signal.

/** Aborted by main.ts on SIGINT/SIGTERM. */
export const interruption = new AbortController();

let stoppable = false;
/** Commands that stop cleanly on the signal (record a failure, roll back) call this first. */
export function stopsCleanly(): void {
  stoppable = true;
}
/** Whether the running command handles the interruption itself; main.ts exits at once otherwise. */
export const handlesInterruption = () => stoppable;
