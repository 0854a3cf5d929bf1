// Which version of each dependency's outputs the checkout holds for the materializations in flight.
// A dependency's outputs have one place in the checkout (its declared paths), and each dependant
// restores there the version its record names before its step runs. Two dependants in flight that
// read different versions of one dependency (`model@champion` and `model`, after a version that
// was not promoted) would overwrite each other's bytes, and the step that ran second would train
// on bytes its record does not name. So a materialization holds a view of the versions it restores
// from before its restore until its step has ended, and one that needs another version of a held
// dependency waits until no one holds it. Views are taken all at once, and a holder waits for
// nothing but its own step, so no two materializations ever wait for each other.

export type ReleaseViews = () => void;

export class DependencyViews {
  /** dependency → the data version its outputs hold now, and how many materializations read it. */
  private readonly held = new Map<string, { dataVersion: string; readers: number }>();
  private readonly waiting = new Set<() => void>();

  /**
   * Holds `views` (dependency → data version) once none conflicts with a view held by another
   * materialization; resolves with the release, or undefined when `signal` aborts first.
   * `onWait` is told which dependency it waits for, once.
   */
  async hold(
    views: ReadonlyMap<string, string>,
    options: { signal?: AbortSignal | undefined; onWait?: (dependency: string) => void } = {},
  ): Promise<ReleaseViews | undefined> {
    let told = false;
    for (;;) {
      if (options.signal?.aborted) return undefined;
      const conflict = [...views].find(([dep, dataVersion]) => {
        const held = this.held.get(dep);
        return held !== undefined && held.dataVersion !== dataVersion;
      });
      if (!conflict) break;
      if (!told) options.onWait?.(conflict[0]);
      told = true;
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiting.delete(wake);
          options.signal?.removeEventListener("abort", wake);
          resolve();
        };
        this.waiting.add(wake);
        options.signal?.addEventListener("abort", wake, { once: true });
      });
    }
    for (const [dep, dataVersion] of views) {
      const held = this.held.get(dep);
      if (held) held.readers++;
      else this.held.set(dep, { dataVersion, readers: 1 });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const dep of views.keys()) {
        const held = this.held.get(dep)!;
        if (--held.readers === 0) this.held.delete(dep);
      }
      for (const wake of [...this.waiting]) wake();
    };
  }
}
