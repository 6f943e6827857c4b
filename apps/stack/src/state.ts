// The running stack's state file in BOOMERANG_HOME: where `dist/send.js` finds the gateway, the fake
// vendors' inbox and each brand's channel addresses. No secrets (those stay in secrets.json).
import type { BrandChannels } from './demo/vendor-requests';

export const STATE_FILE = 'stack.json';

export interface StackState {
  pid: number;
  urls: { gateway: string; inbox: string } & Record<string, string>;
  channels: Record<string, BrandChannels>;
}
