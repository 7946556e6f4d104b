// Promises waiting in line for something a channel receives: the next
// message, an acknowledgement, a control frame, a milestone.

/** A line of pending promises, settled oldest first. */
export class Waiters<T> {
  #queue: Array<{ resolve(value: T): void; reject(error: Error): void }> = [];
  readonly #onChange: () => void;

  /** `onChange` is called whenever the line grows or shrinks. */
  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  get length(): number {
    return this.#queue.length;
  }

  /** A promise settled in its turn. */
  wait(): Promise<T> {
    const promise = new Promise<T>((resolve, reject) => this.#queue.push({ resolve, reject }));
    this.#onChange();
    return promise;
  }

  /** Resolves the oldest waiting promise; false if none waits. */
  resolveNext(value: T): boolean {
    const waiter = this.#queue.shift();
    if (!waiter) return false;
    waiter.resolve(value);
    this.#onChange();
    return true;
  }

  /** Settles the oldest waiting promise as `promise` settles; false if none waits. */
  settleNext(promise: Promise<T>): boolean {
    const waiter = this.#queue.shift();
    if (!waiter) return false;
    promise.then(waiter.resolve, waiter.reject);
    this.#onChange();
    return true;
  }

  resolveAll(value: T): void {
    for (const waiter of this.#queue.splice(0)) waiter.resolve(value);
    this.#onChange();
  }

  rejectAll(error: Error): void {
    for (const waiter of this.#queue.splice(0)) waiter.reject(error);
    this.#onChange();
  }
}

/** Named points a peer reaches once each (its greeting, its readiness, its task's start). */
export class Milestones<Name extends string> {
  #reached = new Set<Name>();
  #waiters = new Map<Name, Waiters<void>>();
  readonly #onChange: () => void;

  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  /** How many promises wait for a milestone. */
  get waiting(): number {
    let count = 0;
    for (const waiters of this.#waiters.values()) count += waiters.length;
    return count;
  }

  has(name: Name): boolean {
    return this.#reached.has(name);
  }

  /** Resolves once `name` is reached (at once if it was). */
  whenReached(name: Name): Promise<void> {
    if (this.#reached.has(name)) return Promise.resolve();
    let waiters = this.#waiters.get(name);
    if (!waiters) this.#waiters.set(name, (waiters = new Waiters<void>(this.#onChange)));
    return waiters.wait();
  }

  reach(name: Name): void {
    this.#reached.add(name);
    this.#waiters.get(name)?.resolveAll();
  }

  rejectAll(error: Error): void {
    for (const waiters of this.#waiters.values()) waiters.rejectAll(error);
  }
}

/** Things received in order, each handed to the oldest waiting `take()` or kept for the next. */
export class Mailbox<T> {
  #kept: T[] = [];
  readonly #takers: Waiters<T>;

  /** `onChange` is called when a `take()` starts or stops waiting. */
  constructor(onChange: () => void) {
    this.#takers = new Waiters(onChange);
  }

  /** How many `take()` calls wait. */
  get waiting(): number {
    return this.#takers.length;
  }

  /** Hands `item` to the oldest waiting `take()`, or keeps it. */
  put(item: T): void {
    if (!this.#takers.resolveNext(item)) this.#kept.push(item);
  }

  /** The oldest kept item; with none, a rejection with `closedError()` if nothing more can come, or else the next put. */
  take(closedError: () => Error | undefined): Promise<T> {
    if (this.#kept.length > 0) return Promise.resolve(this.#kept.shift()!);
    const error = closedError();
    if (error) return Promise.reject(error);
    return this.#takers.wait();
  }

  /** Rejects every waiting `take()`; kept items stay. */
  rejectAll(error: Error): void {
    this.#takers.rejectAll(error);
  }
}
