/**
 * Decides what happens when the language server's connection closes unexpectedly.
 *
 * A server that had been running is restarted, up to `maxRestarts` times within `windowMs`; the
 * user is told about the first restart of a session only. A server that dies before it ever
 * answered `initialize` is not restarted (it would only die again): one notification instead.
 */

export type CloseDecision =
  { restart: true; tellUser: boolean } | { restart: false; reason: 'never-started' | 'too-many-crashes' };

export class CrashPolicy {
  private crashes: number[] = [];
  private running = false;
  private toldAboutRestart = false;

  constructor(
    private readonly now: () => number,
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60_000,
  ) {}

  /** The server answered `initialize`. */
  started(): void {
    this.running = true;
  }

  /** The user asked for a (re)start: forget earlier crashes. */
  reset(): void {
    this.crashes = [];
    this.running = false;
  }

  closed(): CloseDecision {
    if (!this.running) {
      return { restart: false, reason: 'never-started' };
    }
    this.running = false;
    const now = this.now();
    this.crashes = this.crashes.filter((time) => now - time < this.windowMs);
    this.crashes.push(now);
    if (this.crashes.length > this.maxRestarts) {
      return { restart: false, reason: 'too-many-crashes' };
    }
    const tellUser = !this.toldAboutRestart;
    this.toldAboutRestart = true;
    return { restart: true, tellUser };
  }
}
