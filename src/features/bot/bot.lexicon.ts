/**
 * Words that reveal what a customer wants beyond the question itself: a person, a complaint,
 * its severity and category, the customer's temperament. Configuration, not code: a
 * deployment can pass its own lexicon to `analyzeMessage`. Chinese and English side by side.
 * Matching is on NFKC-normalised, lower-cased text; Latin entries match whole words.
 */
export type Lexicon = {
  /** Asking for a person. */
  humanRequest: string[];
  /** Declining a person ("I don't need an agent"): cancels humanRequest. */
  humanDeclined: string[];
  /** Words that make a message a complaint. */
  complaint: string[];
  /** Asking *about* complaints (the process, the policy) rather than making one. */
  complaintInquiry: string[];
  /** Severity escalators: any one makes a complaint major. */
  major: { safety: string[]; legal: string[]; media: string[] };
  /** Anger: a complaint with these is at least medium; the customer is agitated. */
  anger: string[];
  demanding: string[];
  confused: string[];
  /** Complaint categories (DOMAIN.md): product function/safety/quality/transaction/delivery, service capability/attitude/quality/etiquette. */
  categories: Record<ComplaintCategory, string[]>;
};

export const COMPLAINT_CATEGORIES = [
  'product_function',
  'product_safety',
  'product_quality',
  'product_transaction',
  'product_delivery',
  'service_capability',
  'service_attitude',
  'service_quality',
  'service_etiquette',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const DEFAULT_LEXICON: Lexicon = {
  humanRequest: [
    '转人工', '人工客服', '人工服务', '找人工', '真人', '客服人员', '找经理', '找主管', '找你们领导', '接人工', '要人工',
    'talk to a human', 'speak to a human', 'talk to a person', 'speak to a person', 'real person', 'human agent', 'live agent',
    'talk to an agent', 'speak to an agent', 'connect me to an agent', 'transfer me to an agent', 'customer service representative',
    'speak to a representative', 'talk to a representative', 'talk to someone', 'speak to someone', 'speak to a manager',
    'talk to a manager', 'get me a manager', 'your supervisor', 'speak to a supervisor', 'agent please', 'human please',
  ],
  humanDeclined: [
    '不用转人工', '不需要人工', '不用人工', '不要人工', '不找人工', "don't need an agent", 'do not need an agent', "don't need a human",
    'no need for an agent', 'no need for a human', "don't want an agent", "don't want to talk to", 'without an agent',
  ],
  complaint: [
    '投诉', '太差', '差劲', '垃圾', '骗子', '欺骗', '坑人', '要求赔偿', '维权', '举报', '打315', '找315', '12315', '曝光', '气死',
    '不满意', '忍无可忍', '什么破', '太过分',
    'complaint', 'complain', 'terrible', 'awful', 'worst', 'scam', 'fraud', 'ripped off', 'rip off', 'unacceptable', 'ridiculous',
    'disgusting', 'demand compensation', 'lawyer', 'sue', 'money back now', 'never again', 'fed up',
  ],
  complaintInquiry: [
    '投诉流程', '怎么投诉', '如何投诉', '投诉渠道', '投诉方式', '投诉电话', '投诉多久', '投诉处理时间', '投诉政策',
    'how do i complain', 'how to complain', 'how to make a complaint', 'how do i make a complaint', 'complaint process',
    'complaint policy', 'complaints policy', 'where can i complain', 'how long does a complaint take',
  ],
  major: {
    safety: ['起火', '着火', '冒烟', '爆炸', '触电', '漏电', '受伤', '烫伤', '烧伤', '中毒', '过敏', '住院', 'fire', 'smoke', 'exploded', 'explode', 'electric shock', 'injured', 'injury', 'burned', 'burnt', 'poisoning', 'hospital'],
    legal: ['律师', '起诉', '法院', '诉讼', '12315', '打315', '找315', '315晚会', '消协', '市场监管', '工商局', 'lawyer', 'sue', 'court', 'legal action', 'attorney', 'trading standards', 'regulator'],
    media: ['曝光', '媒体', '记者', '微博', '抖音', '小红书', '上新闻', 'media', 'journalist', 'newspaper', 'press', 'go viral', 'twitter', 'tiktok', 'news'],
  },
  anger: ['太差', '垃圾', '气死', '骗子', '坑人', '忍无可忍', '太过分', '什么破', '滚', '!!!', '！！！', 'terrible', 'awful', 'worst', 'scam', 'ridiculous', 'disgusting', 'furious', 'angry', 'unacceptable', 'useless'],
  demanding: ['马上', '立刻', '必须', '要求', '给我', '今天之内', 'immediately', 'right now', 'demand', 'i want', 'asap', 'at once'],
  confused: ['不明白', '不懂', '看不懂', '搞不清', '什么意思', '怎么回事', 'confused', "don't understand", 'do not understand', 'what does this mean', 'makes no sense'],
  categories: {
    product_function: ['不能用', '用不了', '坏了', '故障', '失灵', '不工作', 'not working', "doesn't work", 'broken', 'stopped working', 'malfunction'],
    product_safety: ['起火', '冒烟', '爆炸', '触电', '漏电', '受伤', '烫伤', 'fire', 'smoke', 'explode', 'shock', 'injured', 'burn'],
    product_quality: ['质量', '做工', '假货', '次品', '瑕疵', '破损', '掉色', 'quality', 'fake', 'defective', 'damaged', 'poor quality', 'counterfeit'],
    product_transaction: ['扣款', '多扣', '重复扣', '价格', '退款', '退钱', '发票', '优惠券', 'charged', 'double charged', 'price', 'refund', 'invoice', 'coupon', 'payment'],
    product_delivery: ['快递', '物流', '配送', '没收到', '丢件', '送错', '迟迟', '发货', 'delivery', 'shipping', 'parcel', 'package', 'courier', 'not arrived', 'lost', 'late'],
    service_capability: ['解决不了', '没解决', '不会处理', '一问三不知', "couldn't help", "can't help", 'no one could', 'not resolved', 'unresolved'],
    service_attitude: ['态度', '不耐烦', '敷衍', '冷漠', '挂电话', 'rude', 'attitude', 'impatient', 'hung up', 'dismissive'],
    service_quality: ['没人回复', '没人理', '等了很久', '一直等', '推来推去', 'no reply', 'no response', 'waited', 'waiting for days', 'passed around'],
    service_etiquette: ['骂人', '脏话', '不礼貌', '没礼貌', 'swore', 'impolite', 'unprofessional', 'insulted'],
  },
};
