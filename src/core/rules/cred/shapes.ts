/**
 * Shapes of cloud credentials as the clouds document them, and how a message may mention one: never the value,
 * at most a masked prefix of four characters.
 */

export type CredentialShape = 'aws-access-key-id' | 'aws-secret-access-key' | 'aws-session-token' | 'azure-client-secret' | 'private-key';

// AWS: long-term access key ids start AKIA, temporary (STS) ones ASIA; 20 upper-case letters and digits.
const AWS_KEY_ID = /^(?:AKIA|ASIA)[A-Z0-9]{16}$/;
const AWS_KEY_ID_IN = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;
// A secret access key: 40 characters of base64 (letters, digits, / and +).
const AWS_SECRET = /^[A-Za-z0-9/+]{40}$/;
const AWS_SECRET_IN = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/;
// A session token is long base64 (hundreds of characters).
const AWS_TOKEN = /^[A-Za-z0-9/+=]{100,}$/;
// Microsoft Entra client secrets made since 2021: three characters, a digit, `Q~`, then 31 to 34 characters.
const AZURE_SECRET = /^[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}$/;
const AZURE_SECRET_IN = /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/;
// A PEM private key (a GCP service-account key's `private_key`, a client certificate's key).
const PRIVATE_KEY = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----([\s\S]{0,8192}?)(?:-----END|$)/;

/**
 * A PEM private key with key material: docs and tests write the markers around "A key" or "..." — only base64 of
 * real length (the shortest EC keys are over a hundred characters) is a key.
 */
function hasPrivateKey(text: string): boolean {
  const m = PRIVATE_KEY.exec(text);
  if (!m) return false;
  const body = m[1].replace(/\\n|\\r|\s/g, '');
  return /^[A-Za-z0-9+/=]{64,}$/.test(body);
}

/** The documented example keys (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`) are not credentials. */
export function isExample(v: string): boolean {
  return /EXAMPLE/.test(v);
}

function mixed(v: string): boolean {
  return /[0-9]/.test(v) && /[a-z]/.test(v) && /[A-Z]/.test(v);
}

/** The documented shape a whole value has, or null. */
export function shapeOf(value: string): CredentialShape | null {
  const v = value.trim();
  if (!v || isExample(v)) return null;
  if (AWS_KEY_ID.test(v)) return 'aws-access-key-id';
  if (AZURE_SECRET.test(v)) return 'azure-client-secret';
  if (AWS_SECRET.test(v) && mixed(v)) return 'aws-secret-access-key';
  if (AWS_TOKEN.test(v) && mixed(v)) return 'aws-session-token';
  if (hasPrivateKey(v)) return 'private-key';
  return null;
}

/**
 * A credential of documented shape somewhere inside a longer text (an AWS credentials file, a service-account key
 * JSON, an azure.json): the shape, or null. AWS secret keys count only next to an access key id or their key name,
 * so 40-character hashes and digests are not taken for one.
 */
export function shapeWithin(text: string): CredentialShape | null {
  if (hasPrivateKey(text)) return 'private-key';
  if (isExample(text)) return null;
  const id = AWS_KEY_ID_IN.exec(text);
  if (id && !isExample(id[0])) return 'aws-access-key-id';
  const az = AZURE_SECRET_IN.exec(text);
  if (az) return 'azure-client-secret';
  if (/aws_secret_access_key/i.test(text)) {
    const s = AWS_SECRET_IN.exec(text);
    if (s && mixed(s[0]) && !isExample(s[0])) return 'aws-secret-access-key';
  }
  return null;
}

export const SHAPE_NAMES: Record<CredentialShape, string> = {
  'aws-access-key-id': 'an AWS access key id',
  'aws-secret-access-key': 'an AWS secret access key',
  'aws-session-token': 'an AWS session token',
  'azure-client-secret': 'a Microsoft Entra client secret',
  'private-key': 'a private key',
};

/**
 * What a message may show of a credential: the first four characters and an ellipsis, only for values long enough
 * that four characters say little (AWS key ids start with their type, AKIA or ASIA); nothing for a private key.
 */
export function masked(value: string, shape: CredentialShape | null): string {
  const v = value.trim();
  if (shape === 'private-key' || v.length < 16) return '';
  return `${v.slice(0, 4)}…`;
}

/** Decodes a Secret's `data` value (base64); null when it is not base64 text. */
export function decodeBase64(value: string): string | null {
  const v = value.replace(/\s+/g, '');
  if (!v || v.length % 4 === 1 || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return null;
  try {
    // Shapes are ASCII, so the binary string atob returns is enough.
    return atob(v);
  } catch {
    return null;
  }
}
