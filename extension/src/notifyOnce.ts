/**
 * Shows each kind of notification at most once until it is re-armed, so a failing server gives
 * the user one message instead of a stream.
 */

export class NotifyOnce {
  private readonly shown = new Set<string>();

  /** Runs `show` unless a notification of this kind is already out; returns whether it ran. */
  notify(kind: string, show: () => void): boolean {
    if (this.shown.has(kind)) {
      return false;
    }
    this.shown.add(kind);
    show();
    return true;
  }

  /** Allows the given kinds (all when none are given) to be shown again. */
  rearm(...kinds: string[]): void {
    if (kinds.length === 0) {
      this.shown.clear();
    }
    for (const kind of kinds) {
      this.shown.delete(kind);
    }
  }
}
