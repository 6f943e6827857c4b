// `node apps/stack/dist/admin.js <command> --brand <tenant> …`: a brand's launch steps through the
// services' own gRPC admin APIs, the way a brand's admin makes them (nothing is written around them,
// so the launch checklist sees exactly what a shopper would get): policy documents into knowledge
// (UpsertDocument: markdown, text, HTML, PDF or a URL), the eligibility policy (PutPolicy), handoff
// routing per channel (SetRouting: the built-in desk, Zendesk, Gorgias, Freshdesk or do-not-forward),
// channels on and off (the agent's UpdateChannel, which refuses a channel whose handoff or greeting is
// missing), and the launch checklist and skill status with what is left to do.
// Finds the running stack through <BOOMERANG_HOME>/stack.json, or the services through
// --agent-addr / --knowledge-addr / --eligibility-addr / --handoff-addr (e.g. a port-forward).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError, NotFound } from '@boomerang/kit/errors';
import { createClient } from '@boomerang/kit/grpc';
import { AgentServiceClient } from '@boomerang/proto/boomerang/agent/v1/agent';
import { EligibilityServiceClient } from '@boomerang/proto/boomerang/eligibility/v1/eligibility';
import { Destination, HandoffServiceClient, Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import {
  type Ticket,
  TicketServiceClient,
  TicketStatus,
} from '@boomerang/proto/boomerang/handoff/v1/tickets';
import { DocumentFormat, KnowledgeServiceClient } from '@boomerang/proto/boomerang/knowledge/v1/knowledge';
import { CHANNEL_TITLES, DEMO_CHANNELS, type DemoChannel } from './demo/channels';
import { type AdminAddresses, CHANNEL_ENUM, describeTodo, headline, readStatus, ready } from './onboarding';
import { STATE_FILE, type StackState, type StateBrand } from './state';

export const USAGE = `Usage: node apps/stack/dist/admin.js <command> --brand <tenant> [options]

Commands:
  status                         the launch checklist, skill status and what is left to do (with commands)
  brands                         the brands of the running stack
  docs upload <file|dir>…        upload policy documents to knowledge: .md .markdown .txt .html .htm .pdf
      [--language pl] [--id <id>] [--title <t>] [--source-url <url>]   (a folder: every such file in it)
  docs upload --url <https://…>  let knowledge fetch a page or PDF
  docs list                      the brand's documents
  docs delete <id>               remove a document
  ask '<question>' [--locale pl] what knowledge answers from the documents (with its citations)
  policy put <policy.json>       the eligibility policy (apps/eligibility/README.md); timeZone and
                                 storeCountry default to the brand's
  policy show                    the latest eligibility policy
  handoff set --desk             hand conversations to the built-in ticket desk
  handoff set --zendesk <subdomain> --email <agent@…> --credential-ref HANDOFF_SECRET_…
  handoff set --gorgias <domain> --email <agent@…> --credential-ref HANDOFF_SECRET_…
  handoff set --freshdesk <domain> --credential-ref HANDOFF_SECRET_…
  handoff set --no-forward --message '<where to write instead>'
      [--channel webchat,sms]  (default: every channel of the brand)  [--message <lang>=<text>]…
      [--webhook-secret-ref HANDOFF_SECRET_…] [--base-url <url>]
  handoff test --channel <c>     file a [TEST] ticket and record the result on the checklist
  channel on --channel <c>[,<c>…] [--intro '<greeting>']   turn channels on (default greeting: the brand's)
  channel off --channel <c>[,<c>…]
  tickets [list] [--all]         the built-in desk's open and pending tickets (--all: resolved and closed too)
  tickets show <ticket>          one ticket: the conversation so far, replies, notes and history
  tickets reply <ticket> '<text>'   answer the shopper: sent on their channel, in the conversation
  tickets note <ticket> '<text>'    an internal note (the shopper doesn't see it)
  tickets resolve <ticket>       resolve it: the agent takes the conversation back and tells the shopper
      (<ticket>: the id or its first characters, as shown by tickets list)

Channels: ${DEMO_CHANNELS.join(', ')}
Options:
  --brand, -b <tenant>   the brand (tenant id)
  --home <dir>           the stack's BOOMERANG_HOME (default: $BOOMERANG_HOME, ./.boomerang, apps/stack/.boomerang)
  --agent-addr, --knowledge-addr, --eligibility-addr, --handoff-addr <host:port>
                         the services' gRPC addresses instead of the running stack's (e.g. a port-forward)`;

export interface AdminIo {
  out: (line: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

class UsageError extends Error {}

const FORMATS: Record<string, DocumentFormat> = {
  '.md': DocumentFormat.DOCUMENT_FORMAT_MARKDOWN,
  '.markdown': DocumentFormat.DOCUMENT_FORMAT_MARKDOWN,
  '.txt': DocumentFormat.DOCUMENT_FORMAT_TEXT,
  '.text': DocumentFormat.DOCUMENT_FORMAT_TEXT,
  '.html': DocumentFormat.DOCUMENT_FORMAT_HTML,
  '.htm': DocumentFormat.DOCUMENT_FORMAT_HTML,
  '.pdf': DocumentFormat.DOCUMENT_FORMAT_PDF,
};

/** Default greeting of the chat channels, in the brand's main language. */
export function defaultGreeting(name: string, language: string): string {
  if (language === 'ko') return `안녕하세요, ${name}입니다. 반품·교환·환불에 대해 무엇이든 물어보세요.`;
  if (language === 'pl')
    return `Dzień dobry! Tu ${name}. Zapytaj o zwroty, wymiany lub status zwrotu pieniędzy.`;
  return `Hi! This is ${name}. Ask me about returns, exchanges or your refund.`;
}

/** The running stack's home: --home, BOOMERANG_HOME, ./.boomerang, or apps/stack/.boomerang (npm start). */
function findHome(given: string | undefined, io: AdminIo): string {
  if (given) return path.resolve(io.cwd, given);
  if (io.env.BOOMERANG_HOME) return path.resolve(io.cwd, io.env.BOOMERANG_HOME);
  const local = path.resolve(io.cwd, '.boomerang');
  if (existsSync(path.join(local, STATE_FILE))) return local;
  return path.resolve(__dirname, '..', '.boomerang');
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      brand: { type: 'string', short: 'b' },
      home: { type: 'string' },
      'agent-addr': { type: 'string' },
      'knowledge-addr': { type: 'string' },
      'eligibility-addr': { type: 'string' },
      'handoff-addr': { type: 'string' },
      // docs
      language: { type: 'string' },
      id: { type: 'string' },
      title: { type: 'string' },
      'source-url': { type: 'string' },
      url: { type: 'string' },
      locale: { type: 'string' },
      // handoff
      desk: { type: 'boolean' },
      zendesk: { type: 'string' },
      gorgias: { type: 'string' },
      freshdesk: { type: 'string' },
      'no-forward': { type: 'boolean' },
      email: { type: 'string' },
      'credential-ref': { type: 'string' },
      'webhook-secret-ref': { type: 'string' },
      'base-url': { type: 'string' },
      message: { type: 'string', multiple: true },
      // channels
      channel: { type: 'string', short: 'c' },
      intro: { type: 'string' },
      json: { type: 'boolean' },
      // tickets
      all: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

type Args = ReturnType<typeof parse>;

interface Context {
  io: AdminIo;
  args: Args['values'];
  positionals: string[];
  addresses: AdminAddresses;
  state?: StackState;
  /** The brand as the running stack knows it (languages, channels, greeting). */
  brand?: StateBrand;
  tenant: string;
  /** How to run this CLI again, for the commands it prints. */
  cli: string;
}

/** Runs the CLI; returns the exit code (0 done, 1 refused or failed, 2 usage). */
export async function main(argv: string[], io: AdminIo): Promise<number> {
  const { out } = io;
  let parsed: Args;
  try {
    parsed = parse(argv);
  } catch (err) {
    out(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const v = parsed.values;
  const [command, ...rest] = parsed.positionals;
  if (v.help || !command) {
    out(USAGE);
    return command || v.help ? 0 : 2;
  }
  try {
    const ctx = await context(command, v, rest, io);
    switch (command) {
      case 'brands':
        return brandsCommand(ctx);
      case 'status':
        return await statusCommand(ctx);
      case 'docs':
        return await docsCommand(ctx);
      case 'ask':
        return await askCommand(ctx);
      case 'policy':
        return await policyCommand(ctx);
      case 'handoff':
        return await handoffCommand(ctx);
      case 'channel':
        return await channelCommand(ctx);
      case 'tickets':
        return await ticketsCommand(ctx);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      out(`${err.message}\n(node apps/stack/dist/admin.js --help for every command)`);
      return 2;
    }
    if (err instanceof DomainError) {
      out(`✖ refused: ${err.message}${err.field ? ` (field ${err.field})` : ''}`);
      return 1;
    }
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'Unavailable' || e.cause?.code === 'ECONNREFUSED') {
      out(`✖ the services do not answer (${e.message}): is the stack (npm start) still running?`);
      return 1;
    }
    throw err;
  }
}

async function context(
  command: string,
  v: Args['values'],
  positionals: string[],
  io: AdminIo,
): Promise<Context> {
  const given = {
    agent: v['agent-addr'] ?? io.env.AGENT_ADDR,
    knowledge: v['knowledge-addr'] ?? io.env.KNOWLEDGE_ADDR,
    eligibility: v['eligibility-addr'] ?? io.env.ELIGIBILITY_ADDR,
    handoff: v['handoff-addr'] ?? io.env.HANDOFF_ADDR,
  };
  const home = findHome(v.home, io);
  const stateFile = path.join(home, STATE_FILE);
  const state = existsSync(stateFile)
    ? (JSON.parse(readFileSync(stateFile, 'utf8')) as StackState)
    : undefined;
  const addresses = {
    agent: given.agent ?? state?.addresses?.agent,
    knowledge: given.knowledge ?? state?.addresses?.knowledge,
    eligibility: given.eligibility ?? state?.addresses?.eligibility,
    handoff: given.handoff ?? state?.addresses?.handoff,
  };
  const missing = Object.entries(addresses).filter(([, a]) => !a);
  if (missing.length)
    throw new UsageError(
      `no running Boomerang stack found in ${home} (start it with npm start, or pass --home / BOOMERANG_HOME, or --${missing.map(([s]) => s).join('-addr, --')}-addr)`,
    );
  const defaultHome = path.resolve(__dirname, '..', '.boomerang');
  const cli = `${home !== defaultHome && state ? `BOOMERANG_HOME=${home} ` : ''}node apps/stack/dist/admin.js`;
  const ctx: Context = {
    io,
    args: v,
    positionals,
    addresses: addresses as AdminAddresses,
    state,
    tenant: v.brand ?? '',
    cli,
  };
  if (command === 'brands') return ctx;
  const known = Object.keys(state?.brands ?? state?.channels ?? {});
  if (!v.brand)
    throw new UsageError(`--brand is required${known.length ? ` (one of: ${known.join(', ')})` : ''}`);
  ctx.brand = state?.brands?.[v.brand];
  // The agent knows every tenant commerce serves: a mistyped one writes nothing anywhere.
  const agent = createClient(AgentServiceClient, ctx.addresses.agent, { deadlineMs: 15_000 });
  try {
    await agent.getLaunchChecklist({ tenantId: v.brand });
  } catch (err) {
    if (err instanceof NotFound)
      throw new UsageError(
        `unknown brand "${v.brand}"${known.length ? `: the stack runs ${known.join(', ')}` : ''} (a new brand goes into the brands file: BOOMERANG_BRANDS=brands.json npm start)`,
      );
    throw err;
  } finally {
    agent.close();
  }
  return ctx;
}

function brandChannels(ctx: Context): DemoChannel[] {
  return ctx.brand?.channels ?? ['webchat'];
}

/** `--channel a,b` (validated), or `fallback`. */
function channelsArg(ctx: Context, fallback: DemoChannel[] | undefined): DemoChannel[] {
  const raw = ctx.args.channel;
  if (!raw) {
    if (fallback) return fallback;
    throw new UsageError(`--channel is required (${brandChannels(ctx).join(', ')})`);
  }
  const list = raw === 'all' ? brandChannels(ctx) : raw.split(',').map((c) => c.trim());
  for (const c of list)
    if (!(DEMO_CHANNELS as readonly string[]).includes(c))
      throw new UsageError(`--channel: "${c}" is not one of ${DEMO_CHANNELS.join(', ')}`);
  return list as DemoChannel[];
}

function brandsCommand(ctx: Context): number {
  const { out } = ctx.io;
  const brands = ctx.state?.brands;
  if (!brands) {
    for (const c of Object.values(ctx.state?.channels ?? {})) out(`${c.tenantId}  ${c.name} (${c.language})`);
    return 0;
  }
  for (const b of Object.values(brands))
    out(
      `${b.tenantId.padEnd(14)} ${b.name} (${b.languages.join(', ')})  ${b.demo ? 'demo brand' : 'brands file'}  channels: ${b.channels.join(', ')}`,
    );
  if (ctx.state?.brandsFile) out(`brands file: ${ctx.state.brandsFile}`);
  return 0;
}

async function statusCommand(ctx: Context): Promise<number> {
  const { out } = ctx.io;
  const status = await readStatus(ctx.addresses, ctx.tenant, brandChannels(ctx));
  // --json: the status alone on stdout, for scripts (jq, CI gates).
  if (ctx.args.json) {
    out(JSON.stringify(status, null, 2));
    return 0;
  }
  const name = ctx.brand ? `${ctx.brand.name} (${ctx.tenant})` : ctx.tenant;
  const isReady = ready(status);
  out(`${name}: ${headline(status)}`);
  for (const l of describeTodo(status, ctx.cli)) out(l);
  const gateway = ctx.state?.urls.gateway;
  if (isReady && gateway) out(`  web chat: ${gateway}/demo/${ctx.tenant}`);
  return 0;
}

function documentFiles(args: string[], cwd: string): string[] {
  const files: string[] = [];
  for (const a of args) {
    const p = path.resolve(cwd, a);
    if (!existsSync(p)) throw new UsageError(`no such file or folder: ${a}`);
    if (statSync(p).isDirectory()) {
      const inside = readdirSync(p)
        .filter((f) => FORMATS[path.extname(f).toLowerCase()] !== undefined)
        .sort()
        .map((f) => path.join(p, f));
      if (!inside.length) throw new UsageError(`${a} has no ${Object.keys(FORMATS).join(' ')} files`);
      files.push(...inside);
    } else {
      if (FORMATS[path.extname(p).toLowerCase()] === undefined)
        throw new UsageError(
          `${a}: knowledge reads ${Object.keys(FORMATS).join(' ')} files (or --url for a web page)`,
        );
      files.push(p);
    }
  }
  return files;
}

/** A path as typed from `cwd` when it is below it, else absolute. */
function shown(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** A document id from a file name: letters, digits and - (knowledge allows letters, digits, ._:@/-). */
function idOf(file: string): string {
  return (
    path
      .basename(file, path.extname(file))
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}._-]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 200) || 'document'
  );
}

async function docsCommand(ctx: Context): Promise<number> {
  const { out } = ctx.io;
  const [sub, ...args] = ctx.positionals;
  const knowledge = createClient(KnowledgeServiceClient, ctx.addresses.knowledge, { deadlineMs: 120_000 });
  try {
    if (sub === 'list') {
      let pageToken = '';
      let n = 0;
      do {
        const page = await knowledge.listDocuments({ tenantId: ctx.tenant, pageSize: 100, pageToken });
        for (const d of page.documents) {
          n++;
          out(
            `${d.id}  "${d.title}"  ${d.language || '?'}  v${d.version}  ${d.chunkCount} chunk(s)${d.sourceUrl ? `  ${d.sourceUrl}` : ''}`,
          );
        }
        pageToken = page.nextPageToken;
      } while (pageToken);
      if (!n) out(`no documents yet: ${ctx.cli} docs upload --brand ${ctx.tenant} <file>…`);
      return 0;
    }
    if (sub === 'delete') {
      if (args.length !== 1) throw new UsageError('docs delete <id> (see docs list)');
      await knowledge.deleteDocument({ tenantId: ctx.tenant, id: args[0]! });
      out(`✔ deleted ${args[0]}`);
      return 0;
    }
    if (sub !== 'upload') throw new UsageError('docs upload | list | delete');
    const v = ctx.args;
    const common = {
      tenantId: ctx.tenant,
      language: v.language ?? '',
      sourceUrl: v['source-url'] ?? '',
      tags: ['admin'],
    };
    if (v.url) {
      if (args.length) throw new UsageError('docs upload: give files or --url, not both');
      const res = await knowledge.upsertDocument({
        ...common,
        id: v.id ?? idOf(new URL(v.url).pathname || 'page'),
        title: v.title ?? '',
        format: DocumentFormat.DOCUMENT_FORMAT_URL,
        content: '',
        data: Buffer.alloc(0),
        url: v.url,
        sourceUrl: v['source-url'] ?? v.url,
      });
      const d = res.document!;
      out(`✔ ${d.id}  "${d.title}"  ${d.language}  v${d.version}, ${d.chunkCount} chunk(s)  ← ${v.url}`);
      return 0;
    }
    if (!args.length) throw new UsageError('docs upload <file|folder>… (or --url <https://…>)');
    const files = documentFiles(args, ctx.io.cwd);
    if ((v.id || v.title) && files.length > 1)
      throw new UsageError('--id and --title name one document: upload one file with them');
    for (const file of files) {
      const format = FORMATS[path.extname(file).toLowerCase()]!;
      const pdf = format === DocumentFormat.DOCUMENT_FORMAT_PDF;
      const bytes = readFileSync(file);
      const res = await knowledge.upsertDocument({
        ...common,
        id: v.id ?? idOf(file),
        title: v.title ?? '',
        format,
        content: pdf ? '' : bytes.toString('utf8'),
        data: pdf ? bytes : Buffer.alloc(0),
        url: '',
      });
      const d = res.document!;
      out(
        `✔ ${d.id}  "${d.title}"  ${d.language}  v${d.version}, ${d.chunkCount} chunk(s)  ← ${shown(ctx.io.cwd, file)}`,
      );
    }
    out(`  try it: ${ctx.cli} ask --brand ${ctx.tenant} '<a question shoppers ask>'`);
    return 0;
  } finally {
    knowledge.close();
  }
}

async function askCommand(ctx: Context): Promise<number> {
  const { out } = ctx.io;
  const question = ctx.positionals.join(' ').trim();
  if (!question) throw new UsageError("ask '<question>'");
  const knowledge = createClient(KnowledgeServiceClient, ctx.addresses.knowledge, { deadlineMs: 30_000 });
  try {
    const a = await knowledge.answer({
      tenantId: ctx.tenant,
      question,
      locale: ctx.args.locale ?? '',
      filters: undefined,
    });
    if (!a.found) {
      out('✗ not in the knowledge base (the agent says so and offers a person)');
      return 0;
    }
    out(a.answer);
    for (const c of a.citations)
      out(
        `  — ${c.documentTitle}${c.section ? ` › ${c.section}` : ''} (${c.documentId})${c.url ? ` ${c.url}` : ''}`,
      );
    out(`  confidence ${a.confidence.toFixed(2)}, ${a.language}`);
    return 0;
  } finally {
    knowledge.close();
  }
}

async function policyCommand(ctx: Context): Promise<number> {
  const { out } = ctx.io;
  const [sub, ...args] = ctx.positionals;
  const eligibility = createClient(EligibilityServiceClient, ctx.addresses.eligibility, {
    deadlineMs: 15_000,
  });
  try {
    const latest = await eligibility.getPolicy({ tenantId: ctx.tenant, version: 0 }).catch((err: unknown) => {
      if (err instanceof NotFound) return undefined;
      throw err;
    });
    if (sub === 'show') {
      if (!latest) {
        out(`no eligibility policy yet: ${ctx.cli} policy put --brand ${ctx.tenant} <policy.json>`);
        return 0;
      }
      out(`version ${latest.version} (${latest.createdAt?.toISOString() ?? ''}):`);
      out(JSON.stringify(JSON.parse(latest.policyJson), null, 2));
      return 0;
    }
    if (sub !== 'put' || args.length !== 1) throw new UsageError('policy put <policy.json> | policy show');
    const file = path.resolve(ctx.io.cwd, args[0]!);
    if (!existsSync(file)) throw new UsageError(`no such file: ${args[0]}`);
    let policy: Record<string, unknown>;
    try {
      policy = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      out(`✖ ${args[0]} is not valid JSON: ${(err as Error).message}`);
      return 1;
    }
    if (!policy || typeof policy !== 'object' || Array.isArray(policy)) {
      out(`✖ ${args[0]}: the policy is a JSON object (apps/eligibility/README.md)`);
      return 1;
    }
    // The brand's time zone and country are already declared: a policy file need not repeat them.
    const filled: string[] = [];
    if (ctx.brand && policy.timeZone === undefined) {
      policy.timeZone = ctx.brand.timeZone;
      filled.push(`timeZone ${ctx.brand.timeZone}`);
    }
    if (ctx.brand && policy.storeCountry === undefined) {
      policy.storeCountry = ctx.brand.storeCountry;
      filled.push(`storeCountry ${ctx.brand.storeCountry}`);
    }
    if (policy.schemaVersion === undefined) policy.schemaVersion = 1;
    const put = await eligibility.putPolicy({
      tenantId: ctx.tenant,
      policyJson: JSON.stringify(policy),
      expectedVersion: latest?.version ?? 0,
    });
    out(
      `✔ eligibility policy version ${put.version} for ${ctx.tenant}${filled.length ? ` (from the brand: ${filled.join(', ')})` : ''}`,
    );
    // The documents and the policy must agree on the window: the skill status compares them.
    const agent = createClient(AgentServiceClient, ctx.addresses.agent, { deadlineMs: 15_000 });
    try {
      const status = await agent.getSkillStatus({ tenantId: ctx.tenant });
      for (const w of status.warnings) out(`⚠ ${w}`);
    } finally {
      agent.close();
    }
    return 0;
  } finally {
    eligibility.close();
  }
}

/** `--message pl=…` pairs, or a bare text for the brand's main language. */
function messagesArg(ctx: Context): Record<string, string> {
  const main = ctx.brand?.languages[0] ?? 'en';
  const out: Record<string, string> = {};
  if (ctx.brand?.handoffMessage) out[main] = ctx.brand.handoffMessage;
  for (const m of ctx.args.message ?? []) {
    const kv = /^([a-z]{2,3})=(.+)$/s.exec(m);
    if (kv) out[kv[1]!] = kv[2]!;
    else out[main] = m;
  }
  return out;
}

async function handoffCommand(ctx: Context): Promise<number> {
  const { out } = ctx.io;
  const [sub] = ctx.positionals;
  const v = ctx.args;
  if (sub === 'test') {
    const agent = createClient(AgentServiceClient, ctx.addresses.agent, { deadlineMs: 30_000 });
    try {
      for (const channel of channelsArg(ctx, undefined)) {
        const r = await agent.testHandoff({ tenantId: ctx.tenant, channel: CHANNEL_ENUM[channel] });
        out(
          r.ok
            ? `✔ ${CHANNEL_TITLES[channel]}: test ticket ${r.ticketRef} created (${r.destination})`
            : `✖ ${CHANNEL_TITLES[channel]}: ${r.error}`,
        );
      }
      return 0;
    } finally {
      agent.close();
    }
  }
  if (sub !== 'set') throw new UsageError('handoff set … | handoff test --channel <c>');
  const chosen = [
    v.desk && 'desk',
    v.zendesk !== undefined && 'zendesk',
    v.gorgias !== undefined && 'gorgias',
    v.freshdesk !== undefined && 'freshdesk',
    v['no-forward'] && 'no-forward',
  ].filter(Boolean);
  if (chosen.length !== 1)
    throw new UsageError(
      'handoff set needs one destination: --desk, --zendesk <subdomain>, --gorgias <domain>, --freshdesk <domain> or --no-forward',
    );
  const destination = {
    desk: Destination.DESTINATION_DESK,
    zendesk: Destination.DESTINATION_ZENDESK,
    gorgias: Destination.DESTINATION_GORGIAS,
    freshdesk: Destination.DESTINATION_FRESHDESK,
    'no-forward': Destination.DESTINATION_DO_NOT_FORWARD,
  }[chosen[0] as string]!;
  const account = v.zendesk ?? v.gorgias ?? v.freshdesk ?? '';
  const channels = channelsArg(ctx, brandChannels(ctx));
  const handoff = createClient(HandoffServiceClient, ctx.addresses.handoff, { deadlineMs: 15_000 });
  try {
    for (const channel of channels) {
      const res = await handoff.setRouting({
        routing: {
          tenantId: ctx.tenant,
          channel,
          destination,
          account,
          baseUrl: v['base-url'] ?? '',
          email: v.email ?? '',
          credentialRef: v['credential-ref'] ?? '',
          webhookSecretRef: v['webhook-secret-ref'] ?? '',
          messages: messagesArg(ctx),
          notices: [],
          version: 0,
        },
      });
      const got = await handoff.getRouting({ tenantId: ctx.tenant, channel });
      out(
        `✔ ${CHANNEL_TITLES[channel]}: handoff to ${chosen[0] === 'desk' ? 'the built-in desk' : chosen[0] === 'no-forward' ? 'nobody (do-not-forward message)' : `${chosen[0]} ${account}`} (routing v${res.routing?.version ?? '?'})${got.configured ? '' : ` — not ready: ${got.problems.join('; ')}`}`,
      );
    }
    return 0;
  } finally {
    handoff.close();
  }
}

async function channelCommand(ctx: Context): Promise<number> {
  const { out } = ctx.io;
  const [sub] = ctx.positionals;
  if (sub !== 'on' && sub !== 'off') throw new UsageError('channel on | off --channel <c>[,<c>…]');
  const channels = channelsArg(ctx, undefined);
  const agent = createClient(AgentServiceClient, ctx.addresses.agent, { deadlineMs: 15_000 });
  let failed = 0;
  try {
    const configured = brandChannels(ctx);
    for (const channel of channels) {
      if (sub === 'on' && ctx.brand && !configured.includes(channel)) {
        out(
          `✖ ${CHANNEL_TITLES[channel]}: not configured in the gateway for ${ctx.tenant} (add it to the brand's "channels" in the brands file and restart)`,
        );
        failed++;
        continue;
      }
      const name = ctx.brand?.name ?? ctx.tenant;
      const intro =
        ctx.args.intro ?? ctx.brand?.greeting ?? defaultGreeting(name, ctx.brand?.languages[0] ?? 'en');
      try {
        const res = await agent.updateChannel({
          tenantId: ctx.tenant,
          channel: CHANNEL_ENUM[channel],
          enabled: sub === 'on',
          introMessage: intro,
          skills: ['returns_exchanges'],
        });
        out(
          sub === 'on'
            ? `✔ ${CHANNEL_TITLES[channel]} is on since ${res.activatedAt?.toISOString() ?? 'now'}  (greeting: "${intro}")`
            : `✔ ${CHANNEL_TITLES[channel]} is off`,
        );
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        out(`✖ ${CHANNEL_TITLES[channel]}: ${err.message}`);
        if (/handoff/.test(err.message))
          out(`    first: ${ctx.cli} handoff set --brand ${ctx.tenant} --desk --channel ${channel}`);
        failed++;
      }
    }
  } finally {
    agent.close();
  }
  if (sub === 'on' && !failed && ctx.state?.urls.gateway && channels.includes('webchat'))
    out(`  web chat: ${ctx.state.urls.gateway}/demo/${ctx.tenant}`);
  return failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2), { out: (l) => console.log(l), env: process.env, cwd: process.cwd() }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`✖ ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}

const STATUS_NAMES: Record<number, string> = {
  [TicketStatus.TICKET_STATUS_OPEN]: 'open',
  [TicketStatus.TICKET_STATUS_PENDING]: 'pending',
  [TicketStatus.TICKET_STATUS_RESOLVED]: 'resolved',
  [TicketStatus.TICKET_STATUS_CLOSED]: 'closed',
};
const PRIORITY_NAMES: Record<number, string> = {
  [Priority.PRIORITY_LOW]: 'low',
  [Priority.PRIORITY_NORMAL]: 'normal',
  [Priority.PRIORITY_HIGH]: 'high',
  [Priority.PRIORITY_URGENT]: 'urgent',
};
const ref = (t: Ticket) => t.id.slice(0, 8).toUpperCase();
const when = (d: Date | undefined) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) : '');

/**
 * The built-in desk from the command line (TicketService): what a brand without a helpdesk needs to
 * answer the shoppers its handoffs promised an answer to.
 */
async function ticketsCommand(ctx: Context): Promise<number> {
  const { out } = ctx.io;
  const [sub = 'list', id, ...words] = ctx.positionals;
  const desk = createClient(TicketServiceClient, ctx.addresses.handoff, { deadlineMs: 15_000 });
  try {
    const all = async (statuses: TicketStatus[]) => {
      const tickets: Ticket[] = [];
      let pageToken = '';
      do {
        const r = await desk.list({
          tenantId: ctx.tenant,
          statuses,
          pageSize: 100,
          pageToken,
          assigneeId: '',
          priority: Priority.PRIORITY_UNSPECIFIED,
          conversationId: '',
        });
        tickets.push(...r.tickets);
        pageToken = r.nextPageToken;
      } while (pageToken);
      return tickets;
    };
    if (sub === 'list') {
      const tickets = await all(
        ctx.args.all ? [] : [TicketStatus.TICKET_STATUS_OPEN, TicketStatus.TICKET_STATUS_PENDING],
      );
      if (tickets.length === 0) {
        out(ctx.args.all ? 'no tickets' : 'no open tickets (--all for resolved and closed ones)');
        return 0;
      }
      for (const t of tickets) {
        const last = [...t.transcript].reverse().find((e) => e.role === 'customer');
        out(
          `${ref(t)}  ${STATUS_NAMES[t.status] ?? '?'}  ${PRIORITY_NAMES[t.priority] ?? ''}  ${t.channel}  ${when(t.createdAt)}  ${t.subject}`,
        );
        if (last) out(`          last from the shopper: ${last.text.replace(/\s+/g, ' ').slice(0, 120)}`);
      }
      return 0;
    }
    if (!['show', 'reply', 'note', 'resolve'].includes(sub))
      throw new UsageError(`unknown tickets command "${sub}" (list | show | reply | note | resolve)`);
    if (!id) throw new UsageError(`tickets ${sub} <ticket> — the ticket's id or its first characters`);
    const wanted = id.replace(/^#/, '').toLowerCase();
    const matches = (await all([])).filter((t) => t.id.toLowerCase().startsWith(wanted));
    if (matches.length !== 1) {
      out(
        matches.length === 0
          ? `✖ no ticket ${id} for ${ctx.tenant} (${ctx.cli} tickets list --brand ${ctx.tenant} --all)`
          : `✖ ${id} fits ${matches.length} tickets (${matches.map(ref).join(', ')}): give more of the id`,
      );
      return 1;
    }
    const t = (await desk.get({ tenantId: ctx.tenant, id: matches[0]!.id })).ticket!;
    if (sub === 'show') {
      out(
        `${ref(t)} (${t.id})  ${STATUS_NAMES[t.status] ?? '?'}  priority ${PRIORITY_NAMES[t.priority] ?? '?'}`,
      );
      out(`  ${t.subject}`);
      out(
        `  ${t.channel}, ${t.language}${t.customer?.email ? `, ${t.customer.email}` : ''}${t.customer?.name ? ` (${t.customer.name})` : ''}; conversation ${t.conversationId}`,
      );
      out('  conversation:');
      for (const e of t.transcript) out(`    ${when(e.at)}  ${e.role}: ${e.text}`);
      if (t.memos.length) out('  replies and notes:');
      for (const m of t.memos)
        out(`    ${when(m.at)}  ${m.internal ? 'note' : 'reply'} by ${m.author}: ${m.text}`);
      return 0;
    }
    const text = words.join(' ').trim();
    const actor = ctx.io.env.USER ? `admin:${ctx.io.env.USER}` : 'admin';
    if (sub === 'resolve') {
      await desk.setStatus({
        tenantId: ctx.tenant,
        id: t.id,
        status: TicketStatus.TICKET_STATUS_RESOLVED,
        expectedVersion: t.version,
        actor,
      });
      out(`✔ ${ref(t)} resolved: the agent answers the conversation again`);
      return 0;
    }
    if (!text) throw new UsageError(`tickets ${sub} <ticket> '<text>'`);
    await desk.addMemo({
      tenantId: ctx.tenant,
      id: t.id,
      memo: { id: '', author: actor, text, internal: sub === 'note', kind: '', at: undefined },
      expectedVersion: t.version,
    });
    out(
      sub === 'note'
        ? `✔ note added to ${ref(t)}`
        : `✔ reply sent to the shopper (${t.channel}) on ${ref(t)}`,
    );
    return 0;
  } finally {
    desk.close();
  }
}
