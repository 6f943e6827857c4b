/**
 * Token bucket per key (tenant/channel/sender): `burst` messages at once, refilled at
 * `perMinute`. Memory is bounded: full buckets are forgotten when the map grows past `maxKeys`.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: { perMinute: number; burst: number; maxKeys?: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    const rate = this.options.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.options.burst, at: now };
    b.tokens = Math.min(this.options.burst, b.tokens + (now - b.at) * rate);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(key, b);
      if (this.buckets.size > (this.options.maxKeys ?? 100_000)) this.sweep(now, rate);
      return 0;
    }
    this.buckets.set(key, b);
    return Math.ceil((1 - b.tokens) / rate / 1000);
  }

  private sweep(now: number, rate: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + (now - b.at) * rate >= this.options.burst) this.buckets.delete(k);
    }
  }
}
