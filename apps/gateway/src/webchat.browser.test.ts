// The web chat widget in headless Chromium (Debian `chromium` + playwright-core): type a message,
// see the reply card, click its buttons. Skipped with one line when Chromium is missing locally;
// a failure under CI=true.
import { existsSync } from 'node:fs';
import { publishEvent, type Subscription, TOPICS } from '@boomerang/kit/bus';
import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { InboundMessage, OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { type Browser, chromium } from 'playwright-core';
import { Channel, type Harness, startHarness, text } from './__tests__/harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env.CI === 'true')
    throw new Error(
      `web chat browser test: ${CHROMIUM} is missing but CI=true (apt-get install -y chromium)`,
    );
  process.stderr.write(
    `SKIPPED web chat browser test: install Chromium at ${CHROMIUM} (apt-get install -y chromium)\n`,
  );
}

(available ? describe : describe.skip)('web chat widget in Chromium', () => {
  let h: Harness;
  let browser: Browser;
  let agent: Subscription;
  const seen: InboundMessage[] = [];

  beforeAll(async () => {
    h = await startHarness();
    const portal = `${h.base}/healthz?portal=1001`;
    // Plays the agent: answers the first message with an order card, the button tap with a text.
    agent = await h.bus.subscribe(
      { topics: [TOPICS.channelInbound.name], groupId: uniqueName('agent'), fromBeginning: true },
      async (m) => {
        const msg = InboundMessage.decode(m.value);
        if (msg.channel !== Channel.CHANNEL_WEBCHAT) return;
        seen.push(msg);
        const parts = msg.postback
          ? [text('Wymiana rozpoczęta — wyślemy etykietę e-mailem.')]
          : [
              text('Oto Twoje zamówienie:'),
              {
                part: {
                  $case: 'orderCard' as const,
                  value: {
                    orderId: '5501',
                    orderName: '#1001',
                    title: '',
                    lines: [
                      {
                        lineItemId: 'l1',
                        title: 'Kurtka zimowa',
                        quantity: 1,
                        eligible: true,
                        note: 'do 14.05',
                        imageUrl: '',
                      },
                    ],
                    buttons: [
                      { label: 'Rozpocznij zwrot', url: portal, postback: '' },
                      { label: 'Wymiana', url: '', postback: 'start_exchange:5501' },
                    ],
                  },
                },
              },
            ];
        const out = OutboundMessage.fromPartial({
          messageId: `reply-${msg.messageId}`,
          tenantId: msg.tenantId,
          conversationId: msg.conversationId,
          channel: Channel.CHANNEL_WEBCHAT,
          language: 'pl',
          inReplyTo: msg.messageId,
          createdAt: new Date(),
          parts,
        });
        await publishEvent(h.bus, TOPICS.channelOutbound.name, OutboundMessage, [
          { key: `${out.tenantId}/${out.conversationId}`, value: out },
        ]);
      },
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await agent?.stop({ drainMs: 1000 });
    await h?.close();
  });

  it('type a message, see the order card, follow its link and tap its postback button', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${h.base}/demo/acme`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const input = page.getByPlaceholder('Type your message…');
    await input.fill('Chcę zwrócić kurtkę z zamówienia #1001');
    await input.press('Enter');
    await page.locator('.bmr-me', { hasText: 'Chcę zwrócić kurtkę' }).waitFor();
    const card = page.locator('.bmr-card');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.locator('h4').textContent()).toBe('Zamówienie #1001');
    expect(await card.locator('li').textContent()).toBe('Kurtka zimowa — można zwrócić (do 14.05)');
    expect(await page.locator('.bmr-bot').first().textContent()).toBe('Oto Twoje zamówienie:');

    const [portal] = await Promise.all([
      context.waitForEvent('page'),
      card.getByRole('link', { name: 'Rozpocznij zwrot' }).click(),
    ]);
    await portal.waitForLoadState();
    expect(portal.url()).toBe(`${h.base}/healthz?portal=1001`);
    await portal.close();

    await card.getByRole('button', { name: 'Wymiana' }).click();
    await page.locator('.bmr-bot', { hasText: 'Wymiana rozpoczęta' }).waitFor({ timeout: 10_000 });
    const tap = await waitFor(() => seen.find((m) => m.postback === 'start_exchange:5501'));
    expect(tap.text).toBe('Wymiana');
    expect(tap.conversationId).toBe(seen[0]!.conversationId);
    await context.close();
  }, 60_000);
});
