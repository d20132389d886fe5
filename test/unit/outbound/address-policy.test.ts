import { refusalForAddress } from '../../../functions/outbound/address-policy';

describe('outbound address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.100.100.200', 'carrierGradeNat'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['198.18.0.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
  ])('refuses %s (%s)', (address, range) => {
    expect(refusalForAddress(address)).toContain(range);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:0:127.0.0.1', 'loopback'], // SIIT translated
    ['64:ff9b::a9fe:a9fe', 'linkLocal'], // NAT64 of 169.254.169.254
    ['64:ff9b:1::c0a8:101', 'private'], // local-use NAT64 of 192.168.1.1
    ['2002:7f00:1::', 'loopback'], // 6to4 of 127.0.0.1
    ['2002:a9fe:a9fe::1', 'linkLocal'], // 6to4 of 169.254.169.254
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'private'], // Teredo, client 10.0.0.1 (inverted)
    ['2001:0:a00:1::1', 'private'], // Teredo, server 10.0.0.1
  ])('refuses %s, which carries a refused IPv4 address (%s)', (address, range) => {
    expect(refusalForAddress(address)).toContain(range);
  });

  it('refuses the deprecated IPv4-compatible form and anything that is not an address', () => {
    expect(refusalForAddress('::7f00:1')).toContain('IPv4-compatible');
    expect(refusalForAddress('::a9fe:a9fe')).toContain('IPv4-compatible');
    expect(refusalForAddress('not-an-address')).toContain('not an IP address');
  });

  it.each(['8.8.8.8', '81.2.69.160', '[2a00:1450:4009:81f::200e]', '2a00:1450:4009:81f::200e', '::ffff:8.8.8.8', '2002:808:808::1', '64:ff9b::808:808'])(
    'allows the public address %s',
    (address) => {
      expect(refusalForAddress(address)).toBeUndefined();
    },
  );
});
