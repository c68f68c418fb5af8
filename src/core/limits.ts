/**
 * Every size limit on network input, in one table: the MQTT transport, the signaling gate
 * and the channel's frame gate read them from here, so no two layers disagree on a size.
 */
export const LIMITS = {
  /** Whole MQTT payload. The largest honest message (an offer with 16 candidates) is ~500 bytes. */
  payloadBytes: 2048,
  /** MQTT topic in UTF-8 bytes. Room topics are 32 bytes, inbox topics 49 (room.ts). */
  topicBytes: 256,
  /**
   * The MQTT 5 maximum packet size asked of every broker: a payload plus 512 bytes of topic
   * (≤ topicBytes), fixed header (≤ 5), topic length (2), packet id (2). A broker drops any
   * larger packet for us instead of sending it.
   */
  packetBytes: 2048 + 512,
  /** Display name in UTF-8 bytes (names are also normalised to 40 code points). */
  nameBytes: 160,
  /** Compact SDP bytes. */
  sdpBytes: 1024,
  /** ICE candidates in one compact SDP. */
  sdpCandidates: 16,
  /** One data-channel frame (JSON), in characters. */
  frameChars: 64 * 1024,
  /** One chat message, in characters. */
  textChars: 16 * 1024,
  /** A question or an answer, as JSON characters. */
  payloadJsonChars: 32 * 1024,
} as const;
