/**
 * Extension type -> layout (RFC 8446 4.2 and the RFC of each row). A type missing here keeps its
 * bytes and shows them as hex. Rows differ by message where the RFCs say so.
 */
import {
  ExtensionType, certificateCompressionAlgorithmName, ecPointFormatName, groupName, pskKeyExchangeModeName,
  signatureSchemeName, versionName,
} from '../tables/index.js';
import { ENCRYPTED_CLIENT_HELLO } from './ech.js';
import { KEY_SHARE } from './key-share.js';
import { PADDING } from './padding.js';
import { PRE_SHARED_KEY } from './pre-shared-key.js';
import { ALPN, APPLICATION_SETTINGS, NEXT_PROTOCOL_NEGOTIATION } from './protocols.js';
import { SIGNED_CERTIFICATE_TIMESTAMP } from './sct.js';
import { SERVER_NAME } from './server-name.js';
import { EMPTY, type ExtensionSpec, byContext, listOf, opaqueListOf, opaqueOf, rawOf, valueOf } from './spec.js';
import { STATUS_REQUEST } from './status.js';
import { TOKEN_BINDING } from './token-binding.js';

const SIGNATURE_ALGORITHMS = listOf(2, 2, {
  length: 'Signature Hash Algorithms Length', list: 'Signature Hash Algorithms', unit: 'algorithm', item: 'Signature Algorithm',
}, signatureSchemeName);

/** RFC 6066 4: codes 1..4 ask for 2^9..2^12-byte fragments. */
const maxFragmentLengthName = (code: number): string => (code >= 1 && code <= 4 ? `${2 ** (8 + code)} bytes` : String(code));

/** RFC 7250 3: a list of types the sender can use in ClientHello, the one chosen in replies. */
function certificateType(side: 'Client' | 'Server'): ExtensionSpec {
  return byContext(
    { client_hello: listOf(1, 1, { length: `${side} Certificate Types Length`, list: `${side} Certificate Types`, unit: 'type', item: `${side} Certificate Type` }) },
    valueOf(1, `${side} Certificate Type`),
  );
}

const DISTINGUISHED_NAMES = opaqueListOf(2, 2, {
  length: 'Distinguished Names Length', list: 'Distinguished Names', unit: 'name', item: 'Distinguished Name',
});

const UNKNOWN_EXTENSION = rawOf('Data');

const EXTENSION_SPECS: Readonly<Record<number, ExtensionSpec>> = {
  [ExtensionType.server_name]: SERVER_NAME,
  [ExtensionType.max_fragment_length]: valueOf(1, 'Maximum Fragment Length', maxFragmentLengthName),
  [ExtensionType.client_certificate_url]: EMPTY,
  [ExtensionType.truncated_hmac]: EMPTY,
  [ExtensionType.status_request]: STATUS_REQUEST,
  [ExtensionType.supported_groups]: listOf(2, 2, {
    length: 'Supported Groups List Length', list: 'Supported Groups', unit: 'group', item: 'Supported Group',
  }, groupName),
  [ExtensionType.ec_point_formats]: listOf(1, 1, {
    length: 'EC point formats Length', list: 'Elliptic curves point formats', unit: 'format', item: 'EC point format',
  }, ecPointFormatName),
  [ExtensionType.signature_algorithms]: SIGNATURE_ALGORITHMS,
  [ExtensionType.heartbeat]: valueOf(1, 'Mode'),
  [ExtensionType.application_layer_protocol_negotiation]: ALPN,
  [ExtensionType.signed_certificate_timestamp]: SIGNED_CERTIFICATE_TIMESTAMP,
  [ExtensionType.client_certificate_type]: certificateType('Client'),
  [ExtensionType.server_certificate_type]: certificateType('Server'),
  [ExtensionType.padding]: PADDING,
  [ExtensionType.encrypt_then_mac]: EMPTY,
  [ExtensionType.extended_master_secret]: EMPTY,
  [ExtensionType.token_binding]: TOKEN_BINDING,
  [ExtensionType.compress_certificate]: listOf(1, 2, {
    length: 'Algorithms Length', list: 'Algorithms', unit: 'algorithm', item: 'Algorithm',
  }, certificateCompressionAlgorithmName),
  [ExtensionType.record_size_limit]: valueOf(2, 'Record Size Limit'),
  [ExtensionType.delegated_credential]: byContext(
    { client_hello: SIGNATURE_ALGORITHMS, certificate_request: SIGNATURE_ALGORITHMS },
    rawOf('Delegated Credential'),
  ),
  [ExtensionType.session_ticket]: rawOf('Session Ticket'),
  [ExtensionType.key_share_old]: KEY_SHARE,
  [ExtensionType.pre_shared_key]: PRE_SHARED_KEY,
  [ExtensionType.early_data]: byContext({ new_session_ticket: valueOf(4, 'Maximum Early Data Size') }, EMPTY),
  [ExtensionType.supported_versions]: byContext(
    { client_hello: listOf(1, 2, { length: 'Supported Versions length', list: 'Supported Versions', unit: 'version', item: 'Supported Version' }, versionName) },
    valueOf(2, 'Supported Version', versionName),
  ),
  [ExtensionType.cookie]: opaqueOf(2, 'Cookie'),
  [ExtensionType.psk_key_exchange_modes]: listOf(1, 1, {
    length: 'PSK Key Exchange Modes Length', list: 'PSK Key Exchange Modes', unit: 'mode', item: 'PSK Key Exchange Mode',
  }, pskKeyExchangeModeName),
  [ExtensionType.certificate_authorities]: DISTINGUISHED_NAMES,
  [ExtensionType.post_handshake_auth]: EMPTY,
  [ExtensionType.signature_algorithms_cert]: SIGNATURE_ALGORITHMS,
  [ExtensionType.key_share]: KEY_SHARE,
  [ExtensionType.connection_id_deprecated]: opaqueOf(1, 'Connection ID'),
  [ExtensionType.connection_id]: opaqueOf(1, 'Connection ID'),
  [ExtensionType.quic_transport_parameters]: rawOf('Transport Parameters'),
  [ExtensionType.quic_transport_parameters_draft]: rawOf('Transport Parameters'),
  [ExtensionType.next_protocol_negotiation]: NEXT_PROTOCOL_NEGOTIATION,
  [ExtensionType.application_settings_old]: APPLICATION_SETTINGS,
  [ExtensionType.application_settings]: APPLICATION_SETTINGS,
  [ExtensionType.encrypted_client_hello]: ENCRYPTED_CLIENT_HELLO,
  [ExtensionType.renegotiation_info]: opaqueOf(1, 'Renegotiation Info'),
};

export function extensionSpec(type: number): ExtensionSpec {
  return EXTENSION_SPECS[type] ?? UNKNOWN_EXTENSION;
}
