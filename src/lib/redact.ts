/**
 * Removes personal data from free text before it is stored for analytics or logged: email
 * addresses, phone numbers and other long digit runs (cards, ID numbers). Order numbers
 * (BC + 12 digits) are kept: they identify an order, not a person, and agents need them.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// +86 138 0013 8000, (021) 5555-1234, 手机13800138000: 7+ digits with optional separators
// (a Han character may touch it; a Latin letter may not, so order numbers like BC2026… stay).
const PHONE = /(?<![\p{N}A-Za-z])\+?\(?\d[\d\s().-]{5,}\d(?![\p{N}A-Za-z])/gu;

export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, (match) => (match.replace(/\D/g, '').length >= 7 ? '[number]' : match));
}
