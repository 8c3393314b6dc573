// [Interop] the recording adapter: keeps what would have been sent. The tests' adapter, and
// the sender's choice for a channel the district has not configured (the row is marked sent
// with the note 'recorded', so the outbox shows what would have gone out).
import type { OutboxRow } from '../repository.js';
import type { DeliveryAdapter } from './types.js';

export interface RecordingAdapter extends DeliveryAdapter {
  readonly sent: OutboxRow[];
}

export function recordingAdapter(): RecordingAdapter {
  const sent: OutboxRow[] = [];
  return {
    sent,
    async send(row) {
      sent.push(row);
      return { note: 'recorded' };
    },
  };
}
