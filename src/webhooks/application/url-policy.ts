import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { BadInputError } from '../../shared/domain/domain-error';

/** Why an address may not be called, or null when it is public (IPv4-mapped IPv6 judged as the IPv4 it maps). */
export const refusedAddress = (address: string): string | null => {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? null : `${bare} is a ${range} address, not a public one`;
};

export type Lookup = (hostname: string, options: { all: true }, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A DNS lookup for sockets that refuses names resolving to any non-public address: the check happens
 * when connecting, on the addresses the socket will use, so a name that changes its answer between
 * the URL check and the request (DNS rebinding) is still refused.
 */
export const publicOnlyLookup =
  (resolve: Lookup = dnsLookup as unknown as Lookup) =>
  (hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void): void => {
    resolve(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error);
      const refused = addresses.map((a) => refusedAddress(a.address)).find((reason) => reason !== null);
      if (refused) return callback(Object.assign(new Error(`refused to connect: ${hostname} resolves to ${refused}`), { code: 'WEBHOOK_ADDRESS_REFUSED' }));
      if (options.all) return callback(null, addresses);
      const first = addresses.find((a) => !options.family || a.family === options.family) ?? addresses[0];
      return callback(null, first.address, first.family);
    });
  };

const MAX_URL = 2048;

/**
 * The URL an endpoint may have: absolute, http(s), no credentials; `https` with a public host unless
 * private networks are allowed. A name is resolved once here to refuse the obvious at creation; the
 * address is checked again at every connection.
 */
export const checkEndpointUrl = async (raw: string, allowPrivate: boolean, resolve: Lookup = dnsLookup as unknown as Lookup): Promise<string> => {
  const refuse = (message: string): never => {
    throw new BadInputError({ url: [message] });
  };
  const text = raw.trim();
  if (text.length > MAX_URL) refuse(`url can be at most ${MAX_URL} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse(`"${text}" is not an absolute URL such as https://example.com/webhooks`);
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:'))
    refuse(
      allowPrivate
        ? 'url must start with https:// or http://'
        : 'url must start with https:// (plain http is allowed only with WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true)',
    );
  if (url.username || url.password) refuse('url may not carry a user name or password; authenticate requests with the webhook signature');
  if (url.hash) refuse('url may not have a #fragment');
  if (allowPrivate) return url.toString();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const privateNote = ' (set WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true to allow private addresses)';
  if (isIP(host)) {
    const refused = refusedAddress(host);
    if (refused) refuse(`url points at ${refused}${privateNote}`);
    return url.toString();
  }
  const addresses = await new Promise<LookupAddress[]>((done) => resolve(host, { all: true }, (error, found) => done(error ? [] : found)));
  const refused = addresses.map((a) => refusedAddress(a.address)).find((reason) => reason !== null);
  if (refused) refuse(`${host} resolves to ${refused}${privateNote}`);
  return url.toString();
};
