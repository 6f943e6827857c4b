/** Thin gRPC adapter for boomerang.agent.v1.AgentService. */
import { InvalidArgument, NotFound } from '@boomerang/kit/errors';
import { unary } from '@boomerang/kit/grpc';
import type { AgentServiceServer } from '@boomerang/proto/boomerang/agent/v1/agent';
import type { Engine } from '../engine';
import type { Settings } from '../settings';
import { parseScript, runSimulation } from '../simulate';

export function agentHandlers(engine: Engine, settings: Settings, clock: () => Date): AgentServiceServer {
  const required = (value: string, field: string) => {
    if (!value) throw new InvalidArgument(`${field} is required`, { field });
  };
  const converse = async (req: {
    tenantId: string;
    conversationId: string;
    channel: number;
    text: string;
    identityToken: string;
    asOf?: Date;
    messageId: string;
    postback: string;
  }) => {
    required(req.tenantId, 'tenant_id');
    required(req.conversationId, 'conversation_id');
    if (!req.text && !req.postback)
      throw new InvalidArgument('text or postback is required', { field: 'text' });
    return engine.handle({
      tenantId: req.tenantId,
      conversationId: req.conversationId,
      channel: req.channel,
      messageId: req.messageId,
      text: req.text,
      postback: req.postback,
      identityToken: req.identityToken,
      receivedAt: clock(),
      asOf: req.asOf,
      // as_of makes it a preview / simulation: nothing leaves Boomerang (see TurnInput.preview).
      preview: Boolean(req.asOf),
      sender: '',
      localeHint: '',
      // Previews and simulations (as_of) are never gated; other callers are treated as live traffic.
      live: !req.asOf && req.channel !== 0,
    });
  };
  return {
    converse: unary(async (req) => {
      const r = await converse(req);
      return {
        parts: r.parts,
        state: r.state,
        language: r.language,
        intent: r.intent,
        ignored: r.ignored,
        ignoredReason: r.ignoredReason,
        version: r.version,
        previewCode: r.previewCode ?? '',
      };
    }),
    getConversation: unary(async (req) => {
      required(req.tenantId, 'tenant_id');
      const conv = await engine.load(req.tenantId, req.conversationId);
      if (!conv) throw new NotFound('conversation not found');
      const [transcript, log] = await Promise.all([
        engine.transcript(req.tenantId, req.conversationId),
        engine.decisionLog(req.tenantId, req.conversationId),
      ]);
      return {
        state: conv.state,
        language: conv.language,
        transcript: transcript.map((t) => ({ role: t.role, text: t.text, at: t.at })),
        decisionLogJson: log.map((d) => JSON.stringify(d)).join('\n'),
        version: conv.version,
        outcome: conv.outcome ?? '',
        outcomeRevision: conv.outcomeRevision,
      };
    }),
    getSkillStatus: unary(async (req) => {
      required(req.tenantId, 'tenant_id');
      await settings.assertKnownTenant(req.tenantId);
      return settings.skillStatus(req.tenantId);
    }),
    getLaunchChecklist: unary(async (req) => {
      required(req.tenantId, 'tenant_id');
      await settings.assertKnownTenant(req.tenantId);
      return { items: await settings.checklist(req.tenantId) };
    }),
    updateChannel: unary(async (req) => {
      required(req.tenantId, 'tenant_id');
      await settings.assertKnownTenant(req.tenantId);
      const r = await settings.updateChannel(req.tenantId, req.channel, {
        enabled: req.enabled,
        introMessage: req.introMessage,
        skills: req.skills,
      });
      return { enabled: r.enabled, activatedAt: r.activatedAt, missing: r.missing };
    }),
    testHandoff: unary(async (req) => {
      required(req.tenantId, 'tenant_id');
      await settings.assertKnownTenant(req.tenantId);
      return settings.testHandoff(req.tenantId, req.channel);
    }),
    updateTenantSettings: unary(async (req) => {
      required(req.tenantId, 'tenant_id');
      await settings.assertKnownTenant(req.tenantId);
      await settings.setOverrides(req.tenantId, req.templateOverridesJson);
      return {};
    }),
    runSimulation: unary(async (req) => {
      required(req.tenantId, 'tenant_id');
      await settings.assertKnownTenant(req.tenantId);
      const script = parseScript(req.scriptJson);
      return runSimulation(script, req.tenantId, (turn) => converse({ ...turn, tenantId: req.tenantId }));
    }),
  };
}
