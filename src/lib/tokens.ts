/**
 * Random bearer tokens and their hashes, with Web Crypto only (Node 20 and Workers alike).
 * Tokens carry 256 random bits, so a plain SHA-256 is the right hash: no salt or slow KDF is
 * needed to resist guessing, and lookups stay a single indexed equality.
 */
export function generateToken(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `${prefix}_${toBase64Url(bytes)}`;
}

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return toHex(new Uint8Array(digest));
}

export async function sha256Hex(text: string): Promise<string> {
  return hashToken(text);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
