/** Fields that need the frame's UDP conversation: Wireshark's udp.stream index. */
import type { UdpConversation } from '../../udp/conversation.js';
import type { FieldTable } from './spec.js';

export interface ConversationContext {
  readonly conversation: UdpConversation;
}

export const CONVERSATION_FIELDS = {
  'udp.stream': { type: 'uint', values: (c) => [c.conversation.index] },
} as const satisfies FieldTable<ConversationContext>;
