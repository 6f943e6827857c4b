import { murmur2, partitionForKey } from './partitioner';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('murmur2 partitioner', () => {
  test("matches the Java client's murmur2 test vectors (UtilsTest#testMurmur2)", () => {
    expect(murmur2(utf8('21'))).toBe(-973932308);
    expect(murmur2(utf8('foobar'))).toBe(-790332482);
    expect(murmur2(utf8('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(utf8('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(utf8('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(new Uint8Array([0x61, 0x62, 0x63]))).toBe(479470107);
  });

  test('maps keys to partitions like Kafka: toPositive(murmur2(utf8 key)) % partitions', () => {
    expect(partitionForKey('21', 12)).toBe(0);
    expect(partitionForKey('foobar', 12)).toBe(6);
    expect(partitionForKey('a-little-bit-longer-string', 6)).toBe(5);
    expect(partitionForKey('é/한국', 3)).toBe(1); // multi-byte UTF-8
    expect(partitionForKey('', 12)).toBe(9);
  });
});
