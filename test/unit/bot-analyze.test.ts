import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/features/bot/bot.analyze.js';

describe('asking for a person', () => {
  it.each(['转人工', '我要人工客服', '找经理来', 'talk to a human', 'Can I speak to a person?', 'agent please', 'connect me to an agent'])(
    '"%s" asks for a person',
    (text) => expect(analyzeMessage(text).humanRequested).toBe(true),
  );
  it.each(["I don't need an agent, just the fee", '不用转人工，告诉我运费就行', 'what does a travel agent do', 'user agent string', '代理商怎么加盟'])(
    '"%s" does not',
    (text) => expect(analyzeMessage(text).humanRequested).toBe(false),
  );
});

describe('complaints', () => {
  it.each([
    ['你们太差了，我要投诉！', 'medium'],
    ['我要投诉快递一直没送到', 'general'],
    ['充电器起火了', 'major'],
    ['再不处理我就找律师起诉你们', 'major'],
    ['再不处理我就发微博曝光你们', 'major'],
    ['我要打315投诉你们', 'major'],
    ['This is the worst service, a total scam', 'medium'],
    ['The kettle gave me an electric shock', 'major'],
    ['I want to make a complaint about my delivery', 'general'],
  ] as const)('"%s" is a %s complaint', (text, severity) => {
    expect(analyzeMessage(text).complaint?.severity).toBe(severity);
  });

  it.each(['投诉流程是什么', '怎么投诉？多久有结果', 'How do I make a complaint?', 'what is your complaints policy', '你们的微博账号是什么', 'The order cost ¥315', '退款怎么退钱'])(
    '"%s" is not a complaint',
    (text) => expect(analyzeMessage(text).complaint).toBeNull(),
  );

  it('classifies the category and temperament', () => {
    expect(analyzeMessage('我要投诉，快递一直没送到，气死了').complaint?.category).toBe('product_delivery');
    expect(analyzeMessage('I want to complain, the agent was rude and hung up').complaint?.category).toBe('service_attitude');
    expect(analyzeMessage('我要投诉，你们质量太差，是假货').complaint?.category).toBe('product_quality');
    expect(analyzeMessage('气死了！！！').temperament).toBe('agitated');
    expect(analyzeMessage('马上给我处理').temperament).toBe('demanding');
    expect(analyzeMessage('我看不懂这个是什么意思').temperament).toBe('confused');
    expect(analyzeMessage('where is my parcel').temperament).toBeNull();
  });
});
