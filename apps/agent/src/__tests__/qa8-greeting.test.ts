/**
 * The brand's intro message is written in one language: a shopper writing in another is greeted in
 * theirs (the agent's own greeting), never in the intro's language.
 */

import { uniqueName } from '@boomerang/kit/testing';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { partsText } from '../domain/conversation';
import { type Harness, inboundTurn, startHarness } from './harness';
import { memoryWorld } from './memory-ports';

describe('the greeting in the shopper language (in-memory ports)', () => {
  const w = memoryWorld({ customers: {} });
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ ports: w.ports });
  });
  afterAll(() => h.close());

  it('an intro in Polish greets "hi" in English and "안녕하세요" in Korean; "dzień dobry" gets the intro (en, ko, pl)', async () => {
    const tenant = uniqueName('brand');
    w.tests.ok = true;
    await h.agent.settings.testHandoff(tenant, Channel.CHANNEL_WEBCHAT);
    await h.agent.settings.updateChannel(tenant, Channel.CHANNEL_WEBCHAT, {
      enabled: true,
      introMessage:
        'Dzień dobry! Tu Dom Dębowy / 참나무집. W czym możemy pomóc? Piszemy o zwrotach i wymianach mebli.',
      skills: [],
    });
    const say = (c: string, text: string) =>
      h.agent.engine.handle(inboundTurn(c, text, { tenantId: tenant }));
    for (const [c, text, lang, greeting] of [
      ['g-en', 'hi', 'en', /^Hi! I can answer questions about returns/u],
      ['g-ko', '안녕하세요', 'ko', /^안녕하세요! 반품·교환/u],
      ['g-pl', 'dzień dobry', 'pl', /^Dzień dobry! Tu Dom Dębowy/u],
    ] as const) {
      const r = await say(c, text);
      expect({ text, lang: r.language, reply: partsText(r.parts) }).toEqual({
        text,
        lang,
        reply: expect.stringMatching(greeting),
      });
    }
  });
});
