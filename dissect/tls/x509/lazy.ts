/**
 * The certificate decoder, loaded on first use: the ASN.1 library behind it costs a quarter of a
 * second of start-up, which runs that never meet a certificate (streams, TLS 1.3 without keys)
 * should not pay.
 */
export type X509 = typeof import('./index.js');

let loading: Promise<X509> | undefined;

export function loadX509(): Promise<X509> {
  loading ??= import('./index.js');
  return loading;
}
