// Where a brand stands on its way to a live agent, read from the services' admin APIs (the agent's
// launch checklist and skill status, the eligibility policy, the handoff routing per channel), and
// what is left to do, each with the exact admin CLI command that does it. The launcher prints it for
// every brand of a brands file at start; `admin.js status` prints it on demand.
import { NotFound } from '@boomerang/kit/errors';
import { createClient } from '@boomerang/kit/grpc';
import {
  AgentServiceClient,
  type ChecklistItem,
  type GetSkillStatusResponse,
} from '@boomerang/proto/boomerang/agent/v1/agent';
import { EligibilityServiceClient } from '@boomerang/proto/boomerang/eligibility/v1/eligibility';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { HandoffServiceClient } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { CHANNEL_TITLES, DEMO_CHANNELS, type DemoChannel } from './demo/channels';

export const CHANNEL_ENUM: Record<DemoChannel, Channel> = {
  webchat: Channel.CHANNEL_WEBCHAT,
  sms: Channel.CHANNEL_SMS,
  whatsapp: Channel.CHANNEL_WHATSAPP,
  email: Channel.CHANNEL_EMAIL,
  kakao: Channel.CHANNEL_KAKAO,
  naver: Channel.CHANNEL_NAVER,
};

export interface AdminAddresses {
  agent: string;
  eligibility: string;
  handoff: string;
  knowledge: string;
}

export interface ChannelStatus {
  channel: DemoChannel;
  /** Handoff routing: configured (and its destination), or what is wrong. */
  handoff: { configured: boolean; destination: string; problems: string[] };
  on: boolean;
  detail: string;
}

export interface BrandStatus {
  tenantId: string;
  checklist: ChecklistItem[];
  skill: GetSkillStatusResponse;
  /** The latest eligibility policy version (0: none yet). */
  policyVersion: number;
  channels: ChannelStatus[];
}

const DESTINATIONS: Record<number, string> = {
  1: 'Zendesk',
  2: 'Gorgias',
  3: 'Freshdesk',
  4: 'the built-in desk',
  5: 'do-not-forward',
};

/** Reads the brand's status; `channels` are the ones it has (others with a checklist row are added). */
export async function readStatus(
  addresses: AdminAddresses,
  tenantId: string,
  channels: readonly DemoChannel[],
): Promise<BrandStatus> {
  const deadline = { deadlineMs: 15_000 };
  const agent = createClient(AgentServiceClient, addresses.agent, deadline);
  const eligibility = createClient(EligibilityServiceClient, addresses.eligibility, deadline);
  const handoff = createClient(HandoffServiceClient, addresses.handoff, deadline);
  try {
    const [checklist, skill, policyVersion] = await Promise.all([
      agent.getLaunchChecklist({ tenantId }).then((r) => r.items),
      agent.getSkillStatus({ tenantId }),
      eligibility.getPolicy({ tenantId, version: 0 }).then(
        (p) => p.version,
        (err: unknown) => {
          if (err instanceof NotFound) return 0;
          throw err;
        },
      ),
    ]);
    const rows = new Set(
      checklist.filter((i) => i.id.startsWith('channel:')).map((i) => i.id.slice('channel:'.length)),
    );
    const all = DEMO_CHANNELS.filter((c) => channels.includes(c) || rows.has(c));
    const channelStatus = await Promise.all(
      all.map(async (channel): Promise<ChannelStatus> => {
        const r = await handoff.getRouting({ tenantId, channel });
        const item = checklist.find((i) => i.id === `channel:${channel}`);
        return {
          channel,
          handoff: {
            configured: r.configured,
            destination: r.routing ? (DESTINATIONS[r.routing.destination] ?? 'unknown') : '',
            problems: r.problems,
          },
          on: item?.done === true,
          detail: item?.detail ?? 'off',
        };
      }),
    );
    return { tenantId, checklist, skill, policyVersion, channels: channelStatus };
  } finally {
    for (const c of [agent, eligibility, handoff]) c.close();
  }
}

export interface TodoItem {
  done: boolean;
  /** What it is ("policy documents", "handoff (web chat)"). */
  what: string;
  /** Where it stands ("2 document(s)", "missing"). */
  detail: string;
  /** The command that does it (from the repository root), when one does. */
  command?: string;
}

/**
 * The launch checklist as a to-do list with commands. `cli` is how to run the admin CLI
 * ("node apps/stack/dist/admin.js", with BOOMERANG_HOME=… in front for another home).
 */
export function todo(status: BrandStatus, cli: string): TodoItem[] {
  const t = status.tenantId;
  const item = (id: string) => status.checklist.find((i) => i.id === id);
  const items: TodoItem[] = [];
  const docs = item('policy_content');
  items.push({
    done: docs?.done === true,
    what: 'policy documents',
    detail: docs?.detail ?? 'unknown',
    command: docs?.done ? undefined : `${cli} docs upload --brand ${t} <policy.md | .pdf | .html | .txt>…`,
  });
  items.push({
    done: status.policyVersion > 0,
    what: 'eligibility policy',
    detail: status.policyVersion > 0 ? `version ${status.policyVersion}` : 'none',
    command: status.policyVersion > 0 ? undefined : `${cli} policy put --brand ${t} <policy.json>`,
  });
  const returns = item('returns_provider');
  items.push({
    done: returns?.done === true,
    what: 'returns provider',
    detail: returns?.done
      ? (returns.detail ?? '')
      : `${returns?.detail ?? 'unknown'}: fix "returns" in the brands file and restart`,
  });
  const hub = item('customer_hub');
  if (hub && !hub.done) items.push({ done: false, what: 'sign-in (customer hub)', detail: hub.detail });
  const names = (cs: ChannelStatus[]) => cs.map((c) => CHANNEL_TITLES[c.channel]).join(', ');
  const noHandoff = status.channels.filter((c) => !c.handoff.configured);
  const withHandoff = status.channels.filter((c) => c.handoff.configured);
  if (withHandoff.length)
    items.push({
      done: true,
      what: `handoff (${names(withHandoff)})`,
      detail: [...new Set(withHandoff.map((c) => c.handoff.destination))].join(', '),
    });
  if (noHandoff.length)
    items.push({
      done: false,
      what: `handoff (${names(noHandoff)})`,
      detail: noHandoff
        .map((c) => c.handoff.problems[0] ?? 'not configured')
        .filter((p, i, a) => a.indexOf(p) === i)
        .join('; '),
      command: `${cli} handoff set --brand ${t} --desk${noHandoff.length === status.channels.length ? '' : ` --channel ${noHandoff.map((c) => c.channel).join(',')}`}`,
    });
  const on = status.channels.filter((c) => c.on);
  const off = status.channels.filter((c) => !c.on);
  if (on.length) items.push({ done: true, what: `channels on (${names(on)})`, detail: 'answering shoppers' });
  if (off.length)
    items.push({
      done: false,
      what: `channels off (${names(off)})`,
      detail: 'shoppers get no answer there yet',
      command: `${cli} channel on --brand ${t} --channel ${off.map((c) => c.channel).join(',')}`,
    });
  return items;
}

/** True when nothing is left to do. */
export function ready(status: BrandStatus): boolean {
  return status.skill.live && todo(status, '').every((i) => i.done);
}

/** One line: live, live with open items, or not live and what the skill status misses. */
export function headline(status: BrandStatus): string {
  if (ready(status)) return 'live — every launch checklist item is done';
  if (status.skill.live) return 'live (answering shoppers), with open launch checklist items';
  const missing = status.skill.missing;
  return `not live yet${missing.length ? ` (skill status: missing ${missing.join(', ')}${status.skill.limitedMode ? '; limited mode' : ''})` : ''}`;
}

/** The to-do list as console lines (indented by `indent`). */
export function describeTodo(status: BrandStatus, cli: string, indent = '  '): string[] {
  const items = todo(status, cli);
  const lines: string[] = [];
  const width = Math.max(...items.map((i) => i.what.length));
  for (const i of items) {
    lines.push(`${indent}${i.done ? '✔' : '✗'} ${i.what.padEnd(width)}  ${i.detail}`);
    if (i.command) lines.push(`${indent}    ${i.command}`);
  }
  for (const w of status.skill.warnings) lines.push(`${indent}⚠ ${w}`);
  return lines;
}
