import type { WebLocale } from '../web.i18n.js';

/** Strings of the staff shell (sign-in, navigation) shared by the agent console, editor and admin pages. */
export const STAFF_TEXTS = {
  en: {
    product: 'Edge Helpdesk',
    queue: 'Queue',
    followUps: 'Follow-ups',
    articles: 'Articles',
    gaps: 'Content gaps',
    dashboard: 'Dashboard',
    staff: 'Staff',
    signIn: 'Sign in',
    signOut: 'Sign out',
    tokenLabel: 'Staff token',
    tokenHint: 'Paste the API token you were given (it starts with ehd). It stays in this browser tab only.',
    badToken: 'That token was not accepted. Check it and try again.',
    needsRole: 'This page needs the {role} role.',
    loading: 'Loading…',
    failed: 'Something went wrong. Try again.',
    otherLanguage: '中文',
    helpCenter: 'Help center',
  },
  zh: {
    product: 'Edge Helpdesk 客服台',
    queue: '待办队列',
    followUps: '回访',
    articles: '文章',
    gaps: '内容缺口',
    dashboard: '数据看板',
    staff: '员工',
    signIn: '登录',
    signOut: '退出',
    tokenLabel: '员工令牌',
    tokenHint: '粘贴发给您的 API 令牌（以 ehd 开头）。它只保存在当前浏览器标签页中。',
    badToken: '令牌无效，请检查后重试。',
    needsRole: '此页面需要 {role} 角色。',
    loading: '加载中……',
    failed: '出错了，请重试。',
    otherLanguage: 'English',
    helpCenter: '帮助中心',
  },
} as const;

/** The strings of `STAFF_TEXTS` a client script needs, as plain JSON (functions dropped). */
export function clientTexts(locale: WebLocale, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(STAFF_TEXTS[locale])) if (typeof v === 'string') out[k] = v;
  return { ...out, ...extra };
}
