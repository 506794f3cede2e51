/** Display helpers shared by the certificate's detail tree nodes (formats as `openssl x509 -text`). */

/** "0a:1b:2c" from "0a1b2c", as openssl and Wireshark show key identifiers and serial numbers. */
export function colonHex(text: string): string {
  return text.replace(/(..)(?!$)/g, '$1:');
}
