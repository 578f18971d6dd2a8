/**
 * Outgoing webhooks: a JSON body POSTed to the configured URL, signed with HMAC-SHA256 over
 * `<timestamp>.<body>` (headers `X-Helpdesk-Timestamp`, `X-Helpdesk-Signature: sha256=<hex>`),
 * retried with exponential backoff on network errors and 5xx/429 answers.
 */
export type WebhookConfig = { url: string; secret: string; attempts: number; backoffMs: number };

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message));
  return Array.from(new Uint8Array(signature), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function signWebhook(secret: string, timestamp: string, body: string): Promise<string> {
  return `sha256=${await hmacHex(secret, `${timestamp}.${body}`)}`;
}

/** Delivers one event; resolves with the attempts used, rejects after the last failure. */
export async function deliverWebhook(config: WebhookConfig, event: string, payload: unknown, now: () => Date = () => new Date()): Promise<number> {
  const body = JSON.stringify({ event, sent_at: now().toISOString(), data: payload });
  let lastError = '';
  for (let attempt = 1; attempt <= config.attempts; attempt++) {
    const timestamp = String(Math.floor(now().getTime() / 1000));
    try {
      const res = await fetch(config.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Helpdesk-Event': event,
          'X-Helpdesk-Timestamp': timestamp,
          'X-Helpdesk-Signature': await signWebhook(config.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (res.ok) return attempt;
      lastError = `HTTP ${res.status}`;
      if (res.status < 500 && res.status !== 429) break; // the receiver refused it: retrying will not help
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (attempt < config.attempts) await new Promise((r) => setTimeout(r, config.backoffMs * 4 ** (attempt - 1)));
  }
  throw new Error(`webhook ${event} to ${new URL(config.url).host} failed: ${lastError}`);
}
