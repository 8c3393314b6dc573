// [Interop] in-app delivery: the row itself is the message (my notifications list), and the
// realtime hub pushed it to open workbenches when the event committed; the sender only marks
// it delivered.
import type { DeliveryAdapter } from './types.js';

export const inAppAdapter: DeliveryAdapter = {
  async send() {
    return {};
  },
};
