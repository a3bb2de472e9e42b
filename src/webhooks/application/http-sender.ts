import { isIP } from 'node:net';
import { Agent, buildConnector, Dispatcher, request } from 'undici';
import { publicOnlyLookup, refusedAddress } from './url-policy';

export interface SendResult {
  statusCode: number | null;
  /** The answer's body, cut to 4 KB. */
  responseBody: string | null;
  error: string | null;
  retryAfter?: string;
  durationMs: number;
}

const MAX_RESPONSE_BODY = 4096;

/**
 * One connection pool for every endpoint (undici keeps one pool per origin, so a slow endpoint ties up
 * only its own connections). Without private networks, every connection is checked where it is made:
 * an IP literal before connecting, a name by the lookup the socket uses.
 */
export const webhookAgent = (allowPrivate: boolean, timeoutMs: number, connectionsPerOrigin = 32): Agent => {
  const connector = buildConnector({ timeout: timeoutMs, ...(allowPrivate ? {} : { lookup: publicOnlyLookup() }) } as never);
  const connect: buildConnector.connector = (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && isIP(host)) {
      const refused = refusedAddress(host);
      if (refused) return callback(Object.assign(new Error(`refused to connect: ${refused}`), { code: 'WEBHOOK_ADDRESS_REFUSED' }), null);
    }
    return connector(options, callback);
  };
  return new Agent({ connect, connections: connectionsPerOrigin, keepAliveTimeout: 30_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
};

const describe = (error: unknown): string => {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const cause = e.cause?.message && e.cause.message !== e.message ? `: ${e.cause.message}` : '';
  if (e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT' || e.code === 'UND_ERR_CONNECT_TIMEOUT')
    return `timed out (${e.message})`;
  return `${e.message ?? String(error)}${cause}`;
};

/** POSTs one webhook; never throws: a refused address, a timeout or a reset is a failed attempt that says why. */
export const postWebhook = async (
  dispatcher: Dispatcher,
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SendResult> => {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await request(url, { method: 'POST', headers, body, dispatcher, signal });
    let received = '';
    let bytes = 0;
    try {
      for await (const chunk of response.body) {
        if (bytes < MAX_RESPONSE_BODY) received += (chunk as Buffer).toString('utf8', 0, Math.min((chunk as Buffer).length, MAX_RESPONSE_BODY - bytes));
        bytes += (chunk as Buffer).length;
        if (bytes >= MAX_RESPONSE_BODY) break;
      }
    } finally {
      if (bytes >= MAX_RESPONSE_BODY) response.body.destroy();
    }
    const retryAfter = response.headers['retry-after'];
    return {
      statusCode: response.statusCode,
      responseBody: received.slice(0, MAX_RESPONSE_BODY),
      error:
        response.statusCode >= 300 && response.statusCode < 400
          ? `redirected to ${String(response.headers.location ?? '?')} (redirects are not followed)`
          : null,
      retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return { statusCode: null, responseBody: null, error: describe(error).slice(0, 1000), durationMs: Math.round(performance.now() - started) };
  }
};
