import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A new signing secret: `whsec_` + base64 of 32 random bytes (Standard Webhooks asks for at least 24). */
export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

const keyOf = (secret: string): Buffer => Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');

/**
 * `webhook-signature`: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for each secret, space-separated
 * (several while a rotated secret still signs beside the new one).
 */
export const signatureHeader = (keys: readonly Buffer[], id: string, timestamp: number, body: string): string => {
  const content = `${id}.${timestamp}.${body}`;
  return keys.map((key) => `v1,${createHmac('sha256', key).update(content).digest('base64')}`).join(' ');
};

export const signingKeys = (secrets: readonly string[]): Buffer[] => secrets.map(keyOf);

/**
 * `webhook-id`: derived from the endpoint and the integration event, so every retry, resend and replay of
 * one event to one endpoint carries the same id, and receivers deduplicate on it.
 */
export const webhookId = (endpointId: string, eventId: string): string =>
  `msg_${createHash('sha256').update(`${endpointId}\u0000${eventId}`).digest('base64url').slice(0, 32)}`;
