/**
 * A TLS session's summary as plain JSON-able data: what `dissect` prints and `--json` emits
 * (the shape is documented in the README). Certificates are decoded and the chain checked here,
 * once per session, at the capture time of the server's hello.
 */
import { createHash } from 'node:crypto';
import { hex } from '../bytes.js';
import { BoundedCache } from '../bounded-cache.js';
import type { DecodeResult } from '../decode-result.js';
import type { Diagnostic } from '../diagnostics.js';
import { ja3, ja3s } from './fingerprints/ja3.js';
import { ja4 } from './fingerprints/ja4.js';
import type { HandshakeStep } from './negotiation.js';
import type { TlsSession } from './session.js';
import { alertDescriptionName, alertLevelName, cipherSuiteName, versionName } from './tables/index.js';
import type { ChainCertificate, ChainCheck } from './x509/chain.js';
import type { X509 } from './x509/lazy.js';
import type { CertificateInfo } from './x509/types.js';
import { extensionList } from './fingerprints/hello-values.js';
import { ExtensionType } from './tables/index.js';

/** A certificate as JSON: names as RFC 4514 strings, their attributes beside them. */
export type CertificateSummary = Omit<CertificateInfo, 'subject' | 'issuer'> & {
  readonly subject: string;
  readonly issuer: string;
  readonly subjectAttributes: CertificateInfo['subject']['attributes'];
  readonly issuerAttributes: CertificateInfo['issuer']['attributes'];
};

function certificateSummary(info: CertificateInfo): CertificateSummary {
  const { subject, issuer, ...rest } = info;
  return { ...rest, subject: subject.rfc4514, issuer: issuer.rfc4514, subjectAttributes: subject.attributes, issuerAttributes: issuer.attributes };
}

export interface TlsSummary {
  /** The negotiated version: "SSL 3.0", "TLS 1.0" ... "TLS 1.3" (supported_versions decides). */
  readonly version: string | undefined;
  readonly versionsOffered: readonly string[];
  readonly cipherSuite: { readonly id: number; readonly name: string } | undefined;
  readonly sni: string | undefined;
  readonly alpn: string | undefined;
  readonly alpnOffered: readonly string[];
  readonly handshake: readonly HandshakeStep[];
  readonly certificates: readonly CertificateSummary[];
  readonly chainChecks: readonly ChainCheck[];
  readonly clientCertificate: boolean;
  readonly resumed: boolean;
  readonly resumption: string | undefined;
  readonly sessionId: string | undefined;
  readonly extendedMasterSecret: boolean;
  readonly encryptThenMac: boolean;
  readonly helloRetryRequest: boolean;
  readonly earlyData: { readonly offered: boolean; readonly accepted: boolean };
  readonly renegotiations: number;
  readonly ja3: string | undefined;
  readonly ja3Full: string | undefined;
  readonly ja3s: string | undefined;
  readonly ja3sFull: string | undefined;
  readonly ja4: string | undefined;
  readonly alerts: ReadonlyArray<{ readonly level: string; readonly description: string; readonly from: string; readonly frame: number; readonly encrypted: boolean }>;
  readonly starttls: { readonly protocol: string | undefined; readonly frame: number } | undefined;
  readonly records: { readonly client: number; readonly server: number };
  readonly diagnostics: readonly Diagnostic[];
}

/** The same certificates come with every connection to a server: decode each once. */
const decodedCertificates = new BoundedCache<string, DecodeResult<CertificateInfo>>(1024);

/** `x509` is needed only when the session carried certificates (see x509/lazy.ts). */
export function summarizeTls(session: TlsSession, captureTime: Date, x509: X509 | undefined): TlsSummary {
  const n = session.negotiation;
  const hello = n.clientHello;
  const serverHello = n.serverHello;
  const chain: ChainCertificate[] = [];
  const diagnostics = [...session.diagnostics];
  if (x509 !== undefined) {
    for (const der of n.serverCertificates) {
      const decoded = decodedCertificates.get(createHash('sha256').update(der).digest('base64'), () => x509.decodeCertificate(der));
      if (decoded.kind === 'ok') chain.push({ info: decoded.value, der });
      else if (decoded.kind === 'invalid') diagnostics.push(decoded.diagnostic);
    }
  }
  const certificateFrame = n.steps.find((s) => s.type === 'certificate' && s.from === 'server')?.frame;
  const chainChecks = x509 === undefined || chain.length === 0 ? [] : x509.checkChain(chain, { at: captureTime, ...(n.sni === undefined ? {} : { serverName: n.sni }) });
  if (x509 !== undefined) diagnostics.push(...x509.chainDiagnostics(chainChecks, certificateFrame));
  const offered = hello === undefined ? [] : extensionList(hello.extensions, ExtensionType.supported_versions);
  const legacyOffered = hello?.version?.value ?? n.sslv2Hello?.version?.value;
  const clientJa3 = hello === undefined ? undefined : ja3(hello);
  const serverJa3 = serverHello === undefined ? undefined : ja3s(serverHello);
  return {
    version: n.version === undefined ? undefined : versionName(n.version),
    versionsOffered: (offered.length > 0 ? offered : legacyOffered === undefined ? [] : [legacyOffered]).map(versionName),
    cipherSuite: n.cipherSuiteId === undefined ? undefined : { id: n.cipherSuiteId, name: cipherSuiteName(n.cipherSuiteId) },
    sni: n.sni,
    alpn: n.alpn,
    alpnOffered: n.alpnOffered,
    handshake: n.steps,
    certificates: chain.map((c) => certificateSummary(c.info)),
    chainChecks,
    clientCertificate: n.clientCertificates.length > 0,
    resumed: n.resumed !== undefined,
    resumption: n.resumed,
    sessionId: n.serverSessionId === undefined || n.serverSessionId.length === 0 ? undefined : hex(n.serverSessionId),
    extendedMasterSecret: n.extendedMasterSecret,
    encryptThenMac: n.encryptThenMac,
    helloRetryRequest: n.helloRetryRequest,
    earlyData: { offered: n.earlyDataOffered, accepted: n.earlyDataAccepted },
    renegotiations: n.renegotiations,
    ja3: clientJa3?.hash,
    ja3Full: clientJa3?.full,
    ja3s: serverJa3?.hash,
    ja3sFull: serverJa3?.full,
    ja4: hello === undefined ? undefined : ja4(hello).ja4,
    alerts: n.alerts.map((a) => ({ level: alertLevelName(a.level), description: alertDescriptionName(a.description), from: a.from, frame: a.frame, encrypted: a.encrypted })),
    starttls: session.startTls,
    records: { client: session.sides[0].records, server: session.sides[1].records },
    diagnostics,
  };
}
