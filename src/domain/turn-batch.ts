// Requests made in one turn of the event loop, answered by one call: a command starts every asset's
// work in one turn, so what each asks of a child process (git) goes to one process, not one each.

/**
 * A function that takes an item and returns its position in the current batch and the batch's
 * answer; `answer` runs once per batch, in the next turn, with the items in the order asked.
 */
export function turnBatch<T, R>(
  answer: (items: T[]) => Promise<R>,
): (item: T) => { at: number; done: Promise<R> } {
  let batch: { items: T[]; done: Promise<R> } | undefined;
  return (item) => {
    if (!batch) {
      const items: T[] = [];
      const done = new Promise<R>((resolve, reject) =>
        setImmediate(() => {
          batch = undefined;
          answer(items).then(resolve, reject);
        }),
      );
      batch = { items, done };
    }
    return { at: batch.items.push(item) - 1, done: batch.done };
  };
}
