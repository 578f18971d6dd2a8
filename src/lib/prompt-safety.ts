/**
 * Customer and article text goes into LLM prompts as data, inside tags. It must not be able to
 * close those tags or open ones that look like instructions.
 */
export const stripPromptTags = (text: string) => text.replace(/<\/?(passages?|question|system|transcript|instructions?)[^>]*>/gi, ' ');
