/**
 * The words for a handoff's severity, status, reason, complaint category, customer temperament and
 * queue, shared by every staff page (agent console, admin dashboard) so a case reads the same
 * everywhere. Keys are `<field>_<API value>`.
 */
import type { WebLocale } from '../web.i18n.js';

const en = {
  severity_major: 'Major',
  severity_medium: 'Medium',
  severity_general: 'General',
  status_waiting: 'Waiting',
  status_claimed: 'Claimed',
  status_resolved: 'Resolved',
  reason_human_request: 'Asked for a person',
  reason_complaint: 'Complaint',
  reason_repeated_failure: 'The bot failed twice',
  reason_low_confidence: 'The bot was not sure',
  reason_out_of_scope: 'Not covered by the help center',
  reason_customer_button: 'Pressed “talk to a person”',
  category_product_function: 'Product: function',
  category_product_safety: 'Product: safety',
  category_product_quality: 'Product: quality',
  category_product_transaction: 'Product: transaction',
  category_product_delivery: 'Product: delivery',
  category_service_capability: 'Service: capability',
  category_service_attitude: 'Service: attitude',
  category_service_quality: 'Service: quality',
  category_service_etiquette: 'Service: etiquette',
  temperament_agitated: 'Agitated',
  temperament_demanding: 'Demanding',
  temperament_confused: 'Confused',
  queue_general: 'General queue',
  queue_supervisor: 'Supervisor queue',
  category_uncategorised: 'Uncategorised',
};

export type HandoffLabelKey = keyof typeof en;

const zh: Record<HandoffLabelKey, string> = {
  severity_major: '重大',
  severity_medium: '中级',
  severity_general: '一般',
  status_waiting: '待认领',
  status_claimed: '处理中',
  status_resolved: '已解决',
  reason_human_request: '要求转人工',
  reason_complaint: '投诉',
  reason_repeated_failure: '机器人连续两次未解决',
  reason_low_confidence: '机器人没有把握',
  reason_out_of_scope: '帮助中心未覆盖',
  reason_customer_button: '点击了“转人工”',
  category_product_function: '产品：功能',
  category_product_safety: '产品：安全',
  category_product_quality: '产品：质量',
  category_product_transaction: '产品：交易',
  category_product_delivery: '产品：配送',
  category_service_capability: '服务：能力',
  category_service_attitude: '服务：态度',
  category_service_quality: '服务：质量',
  category_service_etiquette: '服务：礼仪',
  temperament_agitated: '激动型',
  temperament_demanding: '要求型',
  temperament_confused: '困惑型',
  queue_general: '普通队列',
  queue_supervisor: '主管队列',
  category_uncategorised: '未分类',
};

export const HANDOFF_LABELS: Record<WebLocale, Record<HandoffLabelKey, string>> = { en, zh };
