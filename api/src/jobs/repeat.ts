import type { Logger } from 'pino';

export interface Repeating {
  /** stops the timer and waits for a run in progress to finish */
  stop(): Promise<void>;
}

/** Runs `work` every `intervalMs`, never two runs at once; a failed run is logged and the next one still happens. */
export function repeatEvery(name: string, intervalMs: number, work: () => Promise<unknown>, logger: Logger): Repeating {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = work()
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: error, job: name }, 'background job failed'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
