import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { refusalForAddress } from './address-policy';
import { OutboundRefused } from './errors';

/**
 * A `lookup` for node's sockets that resolves the host, checks every address it resolves to and
 * hands the socket only those checked addresses. The socket connects to what was checked, so a
 * DNS answer that changes between a check and the connect (rebinding) cannot slip through: there
 * is only one resolution. If any address is refused the whole host is refused, so the outcome does
 * not depend on which address the socket would have tried first.
 */
export const checkedLookup =
  (url: string): LookupFunction =>
  (hostname, options, callback) => {
    dnsLookup(hostname, { family: options.family, hints: options.hints, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no addresses`), { code: 'ENOTFOUND' }), '', 0);
      for (const { address } of addresses) {
        const refusal = refusalForAddress(address);
        if (refusal) return callback(new OutboundRefused(url, 'address', `${hostname} resolves to ${refusal}`), '', 0);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
