/** Every string the help-center pages show, per locale. */
export type WebLocale = 'zh' | 'en';

export const WEB_TEXTS = {
  en: {
    siteName: 'Brightcart Help Center',
    tagline: 'How can we help?',
    searchPlaceholder: 'Search: refunds, delivery times, invoices…',
    search: 'Search',
    categories: 'Browse by topic',
    recent: 'Popular articles',
    articlesCount: (n: number) => `${n} article${n === 1 ? '' : 's'}`,
    resultsFor: (q: string, n: number) => `${n} result${n === 1 ? '' : 's'} for “${q}”`,
    noResults: 'No article matched. Try other words, or ask our assistant.',
    related: 'Related articles',
    helpful: 'Was this helpful?',
    yes: 'Yes',
    no: 'No',
    commentPlaceholder: 'What were you looking for? (optional)',
    send: 'Send',
    thanks: 'Thank you for your feedback.',
    otherLanguage: '中文',
    skipToContent: 'Skip to content',
    notFound: 'We could not find that page.',
    home: 'Help Center',
    notFoundTitle: 'Page not found',
    notFoundHint: 'It may have moved, or the address may be mistyped. Search the help center below, or start again from the home page.',
    backHome: 'Go to the help center home',
    errorTitle: 'Something went wrong',
    errorHint: (id: string) => `Something went wrong on our side. Please try again in a moment. If it keeps happening, tell us this reference: ${id}`,
    suggestions: 'Suggestions',
    suggestArticles: 'Articles',
    suggestQueries: 'Popular searches',
    suggestCount: '{n} suggestions. Use the up and down arrows to choose one, Enter to open it.',
    suggestCountOne: '1 suggestion. Use the down arrow to choose it, Enter to open it.',
  },
  zh: {
    siteName: '明购帮助中心',
    tagline: '有什么可以帮您？',
    searchPlaceholder: '搜索：退款、配送时效、发票……',
    search: '搜索',
    categories: '按主题浏览',
    recent: '热门文章',
    articlesCount: (n: number) => `${n} 篇文章`,
    resultsFor: (q: string, n: number) => `“${q}”的搜索结果：${n} 条`,
    noResults: '没有找到相关文章。换个说法试试，或者问问在线助手。',
    related: '相关文章',
    helpful: '这篇文章对您有帮助吗？',
    yes: '有帮助',
    no: '没帮助',
    commentPlaceholder: '您想找的是什么？（选填）',
    send: '提交',
    thanks: '感谢您的反馈。',
    otherLanguage: 'English',
    skipToContent: '跳到正文',
    notFound: '没有找到这个页面。',
    home: '帮助中心',
    notFoundTitle: '页面不存在',
    notFoundHint: '页面可能已经移动，或者网址有误。您可以在下方搜索帮助中心，或者回到首页重新开始。',
    backHome: '返回帮助中心首页',
    errorTitle: '出错了',
    errorHint: (id: string) => `我们这边出了点问题，请稍后再试。如果问题持续出现，请告诉我们这个编号：${id}`,
    suggestions: '搜索建议',
    suggestArticles: '文章',
    suggestQueries: '热门搜索',
    suggestCount: '共有 {n} 条建议。用上下方向键选择，按回车打开。',
    suggestCountOne: '有 1 条建议。按向下方向键选择，按回车打开。',
  },
} as const;

/** The locale a visitor prefers, from Accept-Language (zh first when it is named at all). */
export function preferredLocale(acceptLanguage: string | undefined): WebLocale {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}
