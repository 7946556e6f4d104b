// The port of PyGmy's PyGmyExchange: an Exchange subclass that stores each
// row in the image as it arrives.
import { type Channel, Exchange, type ExchangeOptions } from '../../../pprocess/index.js';
import type { RowResult } from '../row-worker.js';
import type { RowSink } from './executor.js';

/**
 * An exchange whose `storeData` hands each arriving row to a sink. With
 * `nextRow`, it also answers each row with the next row number for the
 * same process (`null` when none is left), for long-running channel tasks.
 */
export class RowExchange extends Exchange {
  readonly #sink: RowSink;
  readonly #nextRow: (() => number | null) | undefined;

  constructor(sink: RowSink, options: ExchangeOptions & { nextRow?: () => number | null }) {
    const { nextRow, ...exchangeOptions } = options;
    super(exchangeOptions);
    this.#sink = sink;
    this.#nextRow = nextRow;
  }

  override async storeData(channel: Channel): Promise<void> {
    const { y, pixels } = await channel.receive<RowResult>();
    this.#sink(y, pixels);
    if (this.#nextRow) await channel.send(this.#nextRow());
  }
}
