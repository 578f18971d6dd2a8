/**
 * What the bot says, in each locale. Tone follows the service practice: acknowledge, apologise
 * for a problem, say what can be done; never a flat "no" or "I don't know".
 */
import type { Severity } from './bot.analyze.js';

export type BotLocale = 'zh' | 'en';

type Texts = {
  answerLead: string;
  answerFollowUp: string;
  clarify: string;
  fallback: string;
  fallbackWithSuggestions: string;
  handoffHuman: string;
  handoffComplaint: (severity: Severity) => string;
  handoffRepeated: string;
  handoffLowConfidence: string;
  waitInHours: (within: string) => string;
  waitOutOfHours: (hours: string, within: string) => string;
  duration: (minutes: number) => string;
  botSilent: string;
};

export const BOT_TEXTS: Record<BotLocale, Texts> = {
  en: {
    answerLead: 'Here is what our help center says:',
    answerFollowUp: 'Did this solve it? If not, tell me more or ask for a person.',
    clarify: 'I want to make sure I answer the right question. Which of these is closest?',
    fallback:
      "I'm sorry, I couldn't find an answer to that in our help center. I can connect you with a person who can look into it — just say \"talk to a person\".",
    fallbackWithSuggestions:
      "I'm sorry, I couldn't find an exact answer. These articles may be close; if they don't help, I can connect you with a person.",
    handoffHuman: "Of course — I'm passing this conversation to a member of our team, with everything you've told me so far.",
    handoffComplaint: (severity) =>
      severity === 'major'
        ? "I'm very sorry this happened, and I understand how serious it is. I've passed this to a senior member of our team as a priority, with everything you've told me."
        : "I'm sorry about this experience — I understand your frustration. I've passed your conversation to a member of our team, who will take it from here with everything you've told me.",
    handoffRepeated: "I'm sorry I haven't been able to help so far. I'm passing this to a member of our team, with our conversation attached, so you won't need to repeat yourself.",
    handoffLowConfidence: "I'm sorry, this needs a person to look into. I'm passing it to our team with our conversation attached.",
    waitInHours: (within) => `A person will reply here within ${within} (usually much sooner).`,
    waitOutOfHours: (hours, within) => `Our team works ${hours}; a person will contact you within ${within} of opening.`,
    duration: (m) => (m % 60 === 0 ? `${m / 60} hour${m === 60 ? '' : 's'}` : `${m} minutes`),
    botSilent: 'A member of our team is handling this conversation.',
  },
  zh: {
    answerLead: '帮助中心里是这样说明的：',
    answerFollowUp: '这解决您的问题了吗？如果还没有，可以再告诉我一些细节，或者说“转人工”。',
    clarify: '为了准确回答您，想跟您确认一下，您问的是下面哪一个？',
    fallback: '抱歉，帮助中心里暂时没有找到这个问题的答案。我可以帮您转接人工客服进一步处理——直接说“转人工”就可以。',
    fallbackWithSuggestions: '抱歉，没有找到完全对应的答案。下面几篇文章可能相关；如果还是没解决，我可以帮您转人工客服。',
    handoffHuman: '好的，我这就为您转接人工客服，并把您刚才说的情况一并转过去，您不用再重复。',
    handoffComplaint: (severity) =>
      severity === 'major'
        ? '非常抱歉发生这样的事情，我们非常重视。已为您优先转交资深客服处理，您刚才说的情况会一并转过去。'
        : '非常抱歉给您带来不好的体验，理解您的心情。已为您转接人工客服，您刚才说的情况会一并转过去，不用再重复。',
    handoffRepeated: '抱歉一直没能帮您解决。已为您转接人工客服，我们的对话记录会一并转过去，您不用再重复。',
    handoffLowConfidence: '抱歉，这个问题需要人工客服进一步核实，已为您转接，我们的对话记录会一并转过去。',
    waitInHours: (within) => `客服会在 ${within}内在这里回复您（通常会更快）。`,
    waitOutOfHours: (hours, within) => `人工客服服务时间为 ${hours}，我们会在上班后 ${within}内联系您。`,
    duration: (m) => (m % 60 === 0 ? `${m / 60} 小时` : `${m} 分钟`),
    botSilent: '人工客服正在处理您的问题。',
  },
};
