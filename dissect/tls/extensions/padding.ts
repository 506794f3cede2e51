/** padding (RFC 7685 3): zero bytes that pad a ClientHello past F5 load balancers' bad lengths. */
import { leaf } from '../../tree.js';
import type { ExtensionSpec } from './spec.js';

export const PADDING: ExtensionSpec = {
  decode: (c) => {
    const data = c.rest().value;
    const allZero = data.every((byte) => byte === 0);
    if (!allZero) c.report('padding has non-zero bytes (RFC 7685 3 requires zeros)');
    return { kind: 'padding', length: data.length, allZero };
  },
  tree: (body, extension) => (body.kind !== 'padding' ? [] : [
    leaf('Padding Data', body.allZero ? `${body.length} zero bytes` : `${body.length} bytes, not all zero`, extension.data.span),
  ]),
};
