/**
 * The whole service in two real browsers at once: a customer asks the bot in the widget and asks
 * for a person; an agent signed in on the console sees the case arrive live, claims it and replies;
 * the customer sees the reply live, the agent resolves, and the customer rates the help.
 */
import { describe, expect, it } from 'vitest';
import { openPage, signIn, useProduct } from './harness.js';
import { agentDesk, ALWAYS_OPEN, ask, storedConversation, widget } from './widget.helpers.js';

describe('customer and agent together', () => {
  const env = useProduct(async (p) => {
    p.deps.config.serviceCalendar = ALWAYS_OPEN;
  });

  it('bot answer, handoff, live agent reply, resolution and rating', async () => {
    const agentContext = await env.browser.newContext();
    const customerContext = await env.browser.newContext();
    const { page: agent, errors: agentErrors } = await openPage(agentContext);
    const { page: customer, errors: customerErrors } = await openPage(customerContext);
    agent.setDefaultTimeout(10_000);
    customer.setDefaultTimeout(10_000);

    await signIn(agent, env.product.url, '/en/agent', env.product.tokens.agent);
    await expect.poll(() => agent.locator('#live-state').innerText()).toBe('Live updates on');

    // The customer asks the bot and gets an answer with a citation.
    await customer.goto(`${env.product.url}/en`);
    const w = widget(customer);
    await w.host.getByRole('button', { name: /Chat with us/ }).click();
    const answer = await ask(customer, 'How long does a refund take to arrive?');
    expect(await answer.getByRole('link').first().getAttribute('href')).toMatch(/\/en\/articles\/when-will-i-get-my-refund$/);

    // Then asks for a person.
    await w.host.getByRole('button', { name: 'Talk to a person' }).click();
    await expect.poll(() => w.status.textContent()).toMatch(/person will reply/i);
    const { id: conversationId } = await storedConversation(customer, env.product.url);

    // The agent sees it arrive without reloading, opens it, claims and replies.
    const card = agent.locator('.case-link').first();
    await card.waitFor({ timeout: 10_000 });
    await card.click();
    await agent.waitForURL(/\/en\/agent\/handoffs\//);
    await expect.poll(() => agent.locator('#transcript .msg-bot .citations a').count()).toBeGreaterThan(0);
    await agent.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => agent.locator('#message').isDisabled()).toBe(false);
    await agent.locator('#message').fill('Hello, I am Agent Wang. I have checked your refund: it was sent today.');
    await agent.getByRole('button', { name: 'Send reply' }).click();

    // The reply appears live in the customer's widget.
    await expect.poll(() => w.agentMessages.last().textContent(), { timeout: 10_000 }).toMatch(/checked your refund/);
    expect(await w.agentMessages.last().locator('.who').textContent()).toBe('Support team · Agent Wang');
    await expect.poll(() => agent.locator('#transcript .msg-agent').last().textContent()).toMatch(/Agent Wang/);

    // The customer writes again: on the queue the case says the customer is waiting for a reply.
    const caseUrl = agent.url();
    await w.input.fill('Thank you! Will I get an email when it arrives?');
    await w.input.press('Enter');
    await expect.poll(() => agent.locator('#transcript .msg-customer').last().textContent()).toMatch(/email when it arrives/);
    await agent.getByRole('link', { name: /Back to the queue/ }).click();
    await expect.poll(() => agent.locator('.case .badge.awaiting').first().textContent()).toMatch(/^Customer waiting for a reply since /);
    await agent.goto(caseUrl);
    await agent.locator('#message').fill('Yes, you will get an email.');
    await agent.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => w.agentMessages.last().textContent(), { timeout: 10_000 }).toMatch(/you will get an email/);

    // The agent resolves; the customer is asked for a rating and gives one.
    const handoffId = await agentDesk(env.product).handoffOf(conversationId);
    await agent.getByRole('button', { name: 'Resolve…' }).click();
    await agent.getByLabel('What was done (required)').fill('Refund status explained');
    await agent.locator('.action-form').getByRole('button', { name: 'Resolve' }).click();
    const rating = w.host.getByRole('group', { name: 'How satisfied are you with the help you got?' });
    await rating.waitFor({ timeout: 10_000 });
    await rating.getByRole('radio', { name: /5 stars/ }).check();
    await rating.getByRole('button', { name: 'Send rating' }).click();
    await expect.poll(async () => (await agentDesk(env.product).rating(handoffId))?.rating).toBe(5);

    expect(agentErrors).toEqual([]);
    expect(customerErrors).toEqual([]);
  }, 60_000);
});
