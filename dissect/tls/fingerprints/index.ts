/** TLS client and server fingerprints: JA3/JA3S (salesforce/ja3) and JA4 (FoxIO-LLC/ja4). */
export { type Ja3, ja3, ja3s } from './ja3.js';
export { type Ja4, type Ja4Transport, ja4 } from './ja4.js';
