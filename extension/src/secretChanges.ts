/**
 * Which SecretStorage changes the server must hear of: those made outside it (another window
 * signing out), not the writes it asked for itself. Its own writes already updated its cache, and
 * echoing them back made it drop that cache and refresh every lens right after each
 * authorization.
 */

import type { SecretStore } from './handlers';

export class SecretChangeFilter {
  /** Keys with writes this window is making for the server, and how many. */
  private readonly pending = new Map<string, number>();

  /** `store`, with its writes marked as the server's own. */
  wrap(store: SecretStore): SecretStore {
    const mark = async (key: string, write: () => Promise<void>): Promise<void> => {
      this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
      try {
        await write();
      } catch (error) {
        this.unmark(key); // nothing changed, so no change event will consume the mark
        throw error;
      }
    };
    return {
      get: (key) => store.get(key),
      store: (key, value) => mark(key, () => store.store(key, value)),
      delete: (key) => mark(key, () => store.delete(key)),
    };
  }

  /** Whether a change event for `key` came from outside (it consumes one mark if there is one). */
  isExternal(key: string): boolean {
    if (!this.pending.has(key)) {
      return true;
    }
    this.unmark(key);
    return false;
  }

  private unmark(key: string): void {
    const count = (this.pending.get(key) ?? 1) - 1;
    if (count > 0) {
      this.pending.set(key, count);
    } else {
      this.pending.delete(key);
    }
  }
}
