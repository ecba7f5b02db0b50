// Hands each batch an idle instance (onnxruntime session) of one model, so as many batches
// execute at once as there are instances; further batches wait for one, first come first served.

export interface InstanceLease {
  /** which instance runs the work, 0-based */
  index: number;
  /** instances busy once this one was taken, itself included */
  busy: number;
}

export class InstancePool<I> {
  private readonly idle: number[];
  private readonly waiting: ((index: number) => void)[] = [];
  private busyCount = 0;

  constructor(readonly instances: readonly I[]) {
    if (instances.length === 0) throw new RangeError('an instance pool needs at least 1 instance');
    // Reversed so that pop() hands out instance 0 first.
    this.idle = instances.map((_, i) => i).reverse();
  }

  get size(): number {
    return this.instances.length;
  }

  /** Instances running work right now. */
  get busy(): number {
    return this.busyCount;
  }

  async use<R>(work: (instance: I, lease: InstanceLease) => Promise<R>): Promise<R> {
    const index = await this.acquire();
    try {
      return await work(this.instances[index]!, { index, busy: this.busyCount });
    } finally {
      this.release(index);
    }
  }

  private acquire(): Promise<number> {
    const index = this.idle.pop();
    if (index !== undefined) {
      this.busyCount++;
      return Promise.resolve(index);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  // A waiter takes the instance over directly, so it stays counted as busy.
  private release(index: number): void {
    const next = this.waiting.shift();
    if (next) next(index);
    else {
      this.idle.push(index);
      this.busyCount--;
    }
  }
}
