/**
 * Handshake type -> decoder, the side that sends it, and its tree (RFC 8446 4, RFC 5246 7.4,
 * RFC 6347 4.2 and the RFCs named in each decoder). A type missing here keeps its bytes.
 */
import type { TreeNode } from '../../tree.js';
import { HandshakeType } from '../tables/index.js';
import { certificateTree, decodeCertificate } from './certificate.js';
import { certificateRequestTree, decodeCertificateRequest } from './certificate-request.js';
import { certificateStatusMessageTree, decodeCertificateStatus } from './certificate-status.js';
import { certificateUrlTree, decodeCertificateUrl } from './certificate-url.js';
import { certificateVerifyTree, decodeCertificateVerify } from './certificate-verify.js';
import { clientHelloTree, decodeClientHello } from './client-hello.js';
import { clientKeyExchangeTree, decodeClientKeyExchange } from './client-key-exchange.js';
import { compressedCertificateTree, decodeCompressedCertificate } from './compressed-certificate.js';
import type { HandshakeContext } from './context.js';
import type { Cursor } from './cursor.js';
import { decodeFinished, decodeMessageHash, finishedTree, messageHashTree } from './digests.js';
import { decodeEndOfEarlyData, decodeHelloRequest, decodeServerHelloDone } from './empty.js';
import { decodeEncryptedExtensions, encryptedExtensionsTree } from './encrypted-extensions.js';
import { decodeHelloVerifyRequest, helloVerifyRequestTree } from './hello-verify-request.js';
import { decodeKeyUpdate, keyUpdateTree } from './key-update.js';
import { decodeNewSessionTicket, newSessionTicketTree } from './new-session-ticket.js';
import { decodeNextProtocol, nextProtocolTree } from './next-protocol.js';
import { decodeServerHello, serverHelloTree } from './server-hello.js';
import { decodeServerKeyExchange, serverKeyExchangeTree } from './server-key-exchange.js';
import { decodeSupplementalData, supplementalDataTree } from './supplemental-data.js';
import { bytesNode, type Renderers } from './tree-nodes.js';
import type { HandshakeFields } from './types.js';

type Sender = 'client' | 'server' | 'either';

interface MessageSpec {
  readonly decode: (c: Cursor, ctx: HandshakeContext) => HandshakeFields;
  readonly sender: Sender;
}

export const MESSAGE_SPECS: Readonly<Record<number, MessageSpec>> = {
  [HandshakeType.hello_request]: { decode: decodeHelloRequest, sender: 'server' },
  [HandshakeType.client_hello]: { decode: decodeClientHello, sender: 'client' },
  [HandshakeType.server_hello]: { decode: decodeServerHello, sender: 'server' },
  [HandshakeType.hello_verify_request]: { decode: decodeHelloVerifyRequest, sender: 'server' },
  [HandshakeType.new_session_ticket]: { decode: decodeNewSessionTicket, sender: 'server' },
  [HandshakeType.end_of_early_data]: { decode: decodeEndOfEarlyData, sender: 'client' },
  [HandshakeType.encrypted_extensions]: { decode: decodeEncryptedExtensions, sender: 'server' },
  [HandshakeType.certificate]: { decode: decodeCertificate, sender: 'either' },
  [HandshakeType.server_key_exchange]: { decode: decodeServerKeyExchange, sender: 'server' },
  [HandshakeType.certificate_request]: { decode: decodeCertificateRequest, sender: 'server' },
  [HandshakeType.server_hello_done]: { decode: decodeServerHelloDone, sender: 'server' },
  [HandshakeType.certificate_verify]: { decode: decodeCertificateVerify, sender: 'either' },
  [HandshakeType.client_key_exchange]: { decode: decodeClientKeyExchange, sender: 'client' },
  [HandshakeType.finished]: { decode: decodeFinished, sender: 'either' },
  [HandshakeType.certificate_url]: { decode: decodeCertificateUrl, sender: 'client' },
  [HandshakeType.certificate_status]: { decode: decodeCertificateStatus, sender: 'server' },
  [HandshakeType.supplemental_data]: { decode: decodeSupplementalData, sender: 'either' },
  [HandshakeType.key_update]: { decode: decodeKeyUpdate, sender: 'either' },
  [HandshakeType.compressed_certificate]: { decode: decodeCompressedCertificate, sender: 'either' },
  [HandshakeType.next_protocol]: { decode: decodeNextProtocol, sender: 'client' },
  [HandshakeType.message_hash]: { decode: decodeMessageHash, sender: 'either' },
};

const none = (): TreeNode[] => [];

export const MESSAGE_TREES: Renderers<HandshakeFields> = {
  hello_request: none,
  client_hello: clientHelloTree,
  server_hello: serverHelloTree,
  hello_verify_request: helloVerifyRequestTree,
  new_session_ticket: newSessionTicketTree,
  end_of_early_data: none,
  encrypted_extensions: encryptedExtensionsTree,
  certificate: certificateTree,
  server_key_exchange: serverKeyExchangeTree,
  certificate_request: certificateRequestTree,
  server_hello_done: none,
  certificate_verify: certificateVerifyTree,
  client_key_exchange: clientKeyExchangeTree,
  finished: finishedTree,
  certificate_url: certificateUrlTree,
  certificate_status: certificateStatusMessageTree,
  supplemental_data: supplementalDataTree,
  key_update: keyUpdateTree,
  compressed_certificate: compressedCertificateTree,
  next_protocol: nextProtocolTree,
  message_hash: messageHashTree,
  unknown: (message) => bytesNode('Data', message.data),
};
