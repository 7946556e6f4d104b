// The port of PyGmy's PyGmyExchange: an Exchange subclass that stores each
// row in the image as it arrives.
import type { Channel } from '../../../pprocess/channel/channel.js';
import { Exchange, type ExchangeOptions } from '../../../pprocess/exchange/exchange.js';
import type { RowResult, RowSpan } from '../row-worker.js';
import type { RowSink } from './executor.js';

/**
 * An exchange whose `storeData` hands the rows arriving on a channel to a
 * sink. With `nextRows`, it also answers each arrival with the next rows
 * for the same process (`null` when none are left), for long-running
 * channel tasks.
 */
export class RowExchange extends Exchange {
  readonly #sink: RowSink;
  readonly #nextRows: (() => RowSpan | null) | undefined;

  constructor(sink: RowSink, options: ExchangeOptions & { nextRows?: () => RowSpan | null }) {
    const { nextRows, ...exchangeOptions } = options;
    super(exchangeOptions);
    this.#sink = sink;
    this.#nextRows = nextRows;
  }

  override async storeData(channel: Channel): Promise<void> {
    const { y, pixels } = await channel.receive<RowResult>();
    this.#sink(y, pixels);
    if (this.#nextRows) await channel.send(this.#nextRows());
  }
}
