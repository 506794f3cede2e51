/**
 * Builds one direction's record protection from its setup: the suite row picks the engine
 * (cipher-table.ts), the version picks the record format, and a cipher this OpenSSL lacks, or
 * keys of the wrong size, become a reason instead of an exception.
 */
import { aeadOpener } from './aead.js';
import { cipherEngine } from './cipher-table.js';
import { type Opened, openRc4, openStreaming } from './openssl-cipher.js';
import type { ProtectionSetup, RecordProtection } from './protection.js';
import { AeadProtection } from './protection-aead.js';
import { CbcProtection, hasImplicitIv } from './protection-cbc.js';
import { StreamProtection } from './protection-stream.js';

function refused(reason: string): Opened<never> {
  return { ok: false, reason };
}

function opened(protection: RecordProtection): Opened<RecordProtection> {
  return { ok: true, value: protection };
}

export function openProtection(setup: ProtectionSetup): Opened<RecordProtection> {
  const { suite, key, iv } = setup;
  const engine = cipherEngine(suite);
  if (engine === undefined) {
    return refused(`${suite.name}: keyhole has no ${suite.cipher} ${suite.mode} implementation`);
  }
  const aead = engine.kind === 'aead' || engine.kind === 'ccm' || engine.kind === 'gcm-over-ecb';
  if (setup.traits.generation === 'tls13' && !aead) {
    return refused(`${suite.name} is not an AEAD suite, which TLS 1.3 requires`);
  }
  if (engine.kind === 'none') return opened(new StreamProtection(setup, undefined));
  if (engine.kind === 'rc4') return opened(new StreamProtection(setup, openRc4(key)));
  if (engine.kind === 'cbc') {
    const implicitIv = hasImplicitIv(setup);
    if (implicitIv && iv.length !== suite.blockSize) {
      return refused(`${suite.name} needs a ${suite.blockSize}-byte IV, not ${iv.length} bytes`);
    }
    const decipher = openStreaming(engine.openssl, key, implicitIv ? iv : new Uint8Array(suite.blockSize));
    return decipher.ok ? opened(new CbcProtection(setup, decipher.value)) : decipher;
  }
  // The salt before an explicit nonce (TLS 1.2 GCM/CCM), or the whole nonce (ChaCha20, TLS 1.3).
  if (iv.length !== suite.fixedIvLength) {
    return refused(`${suite.name} needs a ${suite.fixedIvLength}-byte IV, not ${iv.length} bytes`);
  }
  const open = aeadOpener(engine, key, suite.tagLength);
  return open.ok ? opened(new AeadProtection(setup, open.value)) : open;
}
