/** The secret options every command takes (--key, --keylog, --psk, ...), and the context built from them. */
import { Option, type Command } from 'commander';
import { DecryptionContext } from '../../dissect/decrypt/context.js';

export interface SecretFlags {
  readonly key?: string[];
  readonly keyPassword?: string;
  readonly keylog?: string[];
  readonly psk?: string[];
  readonly keylogOut?: string;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function addSecretOptions(command: Command): Command {
  return command
    .addOption(new Option('-k, --key <file>', "server RSA private key: PEM (PKCS#1/PKCS#8, encrypted too), DER or PKCS#12; repeatable").argParser(collect))
    .option('--key-password <password>', 'password of encrypted PEM or PKCS#12 keys')
    .addOption(new Option('-l, --keylog <file>', 'NSS key log (SSLKEYLOGFILE); repeatable').argParser(collect))
    .addOption(new Option('--psk <hex>', 'pre-shared key for PSK cipher suites; repeatable').argParser(collect))
    .option('--keylog-out <file>', 'write the secrets of every decrypted session as an NSS key log (mode 0600)');
}

export function decryptionContext(flags: SecretFlags): Promise<DecryptionContext> {
  return DecryptionContext.create({
    keys: flags.key ?? [],
    keylogs: flags.keylog ?? [],
    psks: flags.psk ?? [],
    ...(flags.keyPassword === undefined ? {} : { keyPassword: flags.keyPassword }),
    ...(flags.keylogOut === undefined ? {} : { keylogOut: flags.keylogOut }),
  });
}
