import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which IP addresses outbound requests may connect to: public unicast only. Loopback, private,
 * link-local (cloud metadata such as 169.254.169.254 lives there), carrier-grade NAT, multicast,
 * unspecified, reserved and documentation ranges are refused, and so is any IPv6 form that
 * carries an IPv4 address (mapped, translated, NAT64, 6to4, Teredo) when the IPv4 inside is refused.
 */

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

const refusalForIPv4 = (address: IPv4): string | undefined => {
  const range = address.range();
  return range === 'unicast' ? undefined : `${address.toString()} is a ${range} address`;
};

const ipv4FromBytes = (bytes: number[]): IPv4 => new ipaddr.IPv4(bytes);

/** RFC 8215 local-use NAT64 prefix; ipaddr.js knows only the well-known 64:ff9b::/96. */
const LOCAL_NAT64 = ipaddr.parseCIDR('64:ff9b:1::/48');

/** The IPv4 addresses an IPv6 address carries inside it, in the forms routers act on. */
const embeddedIPv4 = (address: IPv6, range: string): IPv4[] | undefined => {
  const bytes = address.toByteArray();
  switch (range) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
      return [address.toIPv4Address()];
    case 'rfc6145': // ::ffff:0:a.b.c.d
    case 'rfc6052': // 64:ff9b::a.b.c.d
      return [ipv4FromBytes(bytes.slice(12))];
    case '6to4': // 2002:AABB:CCDD::/48
      return [ipv4FromBytes(bytes.slice(2, 6))];
    case 'teredo': // 2001:0:SERVER:flags:port:~CLIENT
      return [ipv4FromBytes(bytes.slice(4, 8)), ipv4FromBytes(bytes.slice(12).map((byte) => byte ^ 0xff))];
    default:
      return address.match(LOCAL_NAT64 as [IPv6, number]) ? [ipv4FromBytes(bytes.slice(12))] : undefined;
  }
};

const refusalForIPv6 = (address: IPv6): string | undefined => {
  const range = address.range();
  const inside = embeddedIPv4(address, range);
  if (inside) {
    for (const ipv4 of inside) {
      const refusal = refusalForIPv4(ipv4);
      if (refusal) return `${address.toString()} carries ${refusal}`;
    }
    return undefined;
  }
  if (range !== 'unicast') return `${address.toString()} is a ${range} address`;
  // ::a.b.c.d (the deprecated IPv4-compatible form) counts as unicast to ipaddr.js; nothing public lives there.
  if (address.parts.slice(0, 6).every((part) => part === 0)) return `${address.toString()} is an IPv4-compatible address`;
  return undefined;
};

/** Why this address may not be connected to, or undefined when it may. Unparseable input is refused. */
export const refusalForAddress = (text: string): string | undefined => {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!ipaddr.isValid(bare)) return `${text} is not an IP address`;
  const address = ipaddr.parse(bare);
  return address.kind() === 'ipv4' ? refusalForIPv4(address as IPv4) : refusalForIPv6(address as IPv6);
};

/** True when the host is written as an IP address (so no DNS lookup happens for it). */
export const isIpLiteral = (host: string): boolean => {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return isIP(bare) !== 0;
};
