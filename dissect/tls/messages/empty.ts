/**
 * Messages whose body is empty: HelloRequest (RFC 5246 7.4.1.1), ServerHelloDone (RFC 5246 7.4.5)
 * and EndOfEarlyData (RFC 8446 4.5). Bytes in the body are reported by the caller's end check.
 */
import type { EndOfEarlyData, HelloRequest, ServerHelloDone } from './types.js';

export const decodeHelloRequest = (): HelloRequest => ({ kind: 'hello_request' });
export const decodeServerHelloDone = (): ServerHelloDone => ({ kind: 'server_hello_done' });
export const decodeEndOfEarlyData = (): EndOfEarlyData => ({ kind: 'end_of_early_data' });
