/** What a mock server tells its caller, once per answered request, miss, served flight or failure. */
import type { MatchLevel } from './request-match.js';

export type MissPolicy = '404' | '502' | 'close';

export interface AnswerEvent {
  readonly kind: 'answer';
  readonly time: Date;
  readonly protocol: 'HTTP/1.1' | 'HTTP/2';
  readonly method: string;
  readonly target: string;
  readonly status: number;
  readonly level: MatchLevel;
  /** The capture exchange that answered: its tcp.stream, its index there, and the response's first frame. */
  readonly stream: number;
  readonly exchange: number;
  readonly frame: number;
  /** The body was content-coded again (see entity.ts), so its coded bytes may differ from the capture's. */
  readonly recoded: boolean;
  /** The capture did not keep the body; an empty one was sent. */
  readonly bodyMissing: boolean;
}

export interface MissEvent {
  readonly kind: 'miss';
  readonly time: Date;
  readonly protocol: 'HTTP/1.1' | 'HTTP/2';
  readonly method: string;
  readonly target: string;
  readonly policy: MissPolicy;
}

export interface FlightEvent {
  readonly kind: 'flight';
  readonly time: Date;
  /** The captured connection being played, its server flight number (from 0), bytes and frame of its first message. */
  readonly stream: number;
  readonly flight: number;
  readonly bytes: number;
  readonly frame: number;
}

export interface ErrorEvent {
  readonly kind: 'error';
  readonly time: Date;
  readonly message: string;
}

export type MockEvent = AnswerEvent | MissEvent | FlightEvent | ErrorEvent;
