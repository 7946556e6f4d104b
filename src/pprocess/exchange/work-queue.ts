// The queue of an exchange's work waiting for a process: taken from the
// front in constant time, however long it is (Array.prototype.shift copies
// the whole array once it is large).
import type { Work } from './work.js';

/** Work waiting for a process, oldest first. */
export class WorkQueue {
  #items: Work[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** The oldest work, without taking it. */
  peek(): Work | undefined {
    return this.#items[this.#head];
  }

  push(work: Work): void {
    this.#items.push(work);
  }

  /** Puts work back first. */
  unshift(work: Work): void {
    if (this.#head > 0) this.#items[--this.#head] = work;
    else this.#items.unshift(work);
  }

  /** Takes the oldest work. */
  shift(): Work | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const work = this.#items[this.#head]!;
    this.#items[this.#head++] = undefined as unknown as Work;
    // Let go of the taken part once it is most of the array.
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return work;
  }

  /** Takes the oldest work that `matches`, if any. */
  take(matches: (work: Work) => boolean): Work | undefined {
    const first = this.peek();
    if (first && matches(first)) return this.shift();
    for (let i = this.#head + 1; i < this.#items.length; i++) {
      if (matches(this.#items[i]!)) return this.#items.splice(i, 1)[0];
    }
    return undefined;
  }

  clear(): void {
    this.#items = [];
    this.#head = 0;
  }
}
