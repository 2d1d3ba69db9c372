/**
 * Encryption at rest for credentials: AES-256-GCM with a random 96-bit IV per write, the row id as
 * additional authenticated data (a ciphertext copied onto another row does not decrypt), and a version
 * prefix so the scheme can change later.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export function encryptJson(key: Buffer, value: unknown, associatedData: string): string {
  if (key.length !== 32) throw new Error('secrets key must be 32 bytes');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
}

export class SecretsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsError';
  }
}

export function decryptJson(key: Buffer, envelope: string, associatedData: string): unknown {
  const [version, iv, tag, ciphertext] = envelope.split(':');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new SecretsError('stored secrets have an unknown format');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as unknown;
  } catch {
    // Never echo the envelope or key material; the usual cause is a changed SECRETS_KEY.
    throw new SecretsError('stored secrets cannot be decrypted (was SECRETS_KEY changed?)');
  }
}
