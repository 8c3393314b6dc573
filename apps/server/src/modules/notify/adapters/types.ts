// [Interop] one interface for every delivery channel. An adapter sends one outbox row with
// the district's settings for its channel and resolves with an optional note; it throws a
// DeliveryError (or anything) when the message did not go out, and the sender retries.
import type { OutboxRow } from '../repository.js';

export interface ChannelSettings {
  enabled: boolean;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}

export interface DeliveryAdapter {
  send(row: OutboxRow, channel: ChannelSettings | undefined): Promise<{ note?: string }>;
}

export class DeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** A string for a JSON string literal's inside (the body template is JSON around it). */
export const jsonInner = (s: string) => JSON.stringify(s).slice(1, -1);
