// Runs tasks with the same key one after another, tasks with different keys side by side.
// Charges of one organization are serialized in the database (an advisory lock), and a
// transaction waiting on that lock holds a pooled connection; queueing them here first keeps
// a burst for one organization from taking every connection the other requests need.
export class PerKeyQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => {});
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
