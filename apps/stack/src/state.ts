// The running stack's state file in BOOMERANG_HOME: where `dist/send.js` and `dist/admin.js` find the
// gateway, the services' gRPC addresses, the fake vendors' inbox and each brand's channel addresses.
// No secrets (those stay in secrets.json).
import type { DemoChannel } from './demo/channels';
import type { BrandChannels } from './demo/vendor-requests';

export const STATE_FILE = 'stack.json';

/** What the admin CLI knows of a brand: its languages, its configured channels and its defaults. */
export interface StateBrand {
  tenantId: string;
  name: string;
  /** The main language first. */
  languages: string[];
  /** Channels configured in the gateway (the ones the brand turns on). */
  channels: DemoChannel[];
  /** A demo brand (seeded at start) or one from the brands file. */
  demo: boolean;
  greeting?: string;
  handoffMessage?: string;
  timeZone: string;
  storeCountry: string;
}

export interface StackState {
  pid: number;
  urls: { gateway: string; inbox: string } & Record<string, string>;
  /** gRPC addresses (host:port) of the services. */
  addresses?: Record<string, string>;
  channels: Record<string, BrandChannels>;
  brands?: Record<string, StateBrand>;
  /** The brands file the stack was started with, if any. */
  brandsFile?: string;
}
