/**
 * PKCS#12 / PFX (RFC 7292): the private keys of every keyBag and pkcs8ShroudedKeyBag, as PKCS#8
 * DER for node:crypto. node:crypto cannot open PKCS#12 and OpenSSL 3 refuses the RC2-40 bags old
 * Java and Windows exports use, so node-forge does it; it is imported only when a PKCS#12 file is
 * given, to keep startup fast. Certificate bags are ignored: keys are matched to the capture's
 * certificates by public key, not by the certificates stored beside them.
 */

export type Pkcs12Result =
  | { readonly kind: 'ok'; readonly pkcs8Keys: readonly Uint8Array[] }
  | { readonly kind: 'wrong-password' }
  | { readonly kind: 'corrupt' };

/** forge reports a failed MAC or decryption only in its message text ("Invalid password?"). */
const PASSWORD_FAILURE = /password|decrypt/i;

export async function pkcs12PrivateKeys(der: Uint8Array, password: string): Promise<Pkcs12Result> {
  const forge = (await import('node-forge')).default;
  const keyBagTypes = new Set([forge.pki.oids.keyBag, forge.pki.oids.pkcs8ShroudedKeyBag]);
  let pfx: ReturnType<typeof forge.pkcs12.pkcs12FromAsn1>;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')), false);
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error: unknown) {
    return error instanceof Error && PASSWORD_FAILURE.test(error.message) ? { kind: 'wrong-password' } : { kind: 'corrupt' };
  }
  const pkcs8Keys: Uint8Array[] = [];
  for (const contents of pfx.safeContents) {
    for (const bag of contents.safeBags) {
      if (!keyBagTypes.has(bag.type)) continue;
      // forge parses RSA keys itself and leaves other algorithms (EC) as raw PrivateKeyInfo.
      const privateKeyInfo = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
      pkcs8Keys.push(new Uint8Array(Buffer.from(forge.asn1.toDer(privateKeyInfo).getBytes(), 'binary')));
    }
  }
  return { kind: 'ok', pkcs8Keys };
}
