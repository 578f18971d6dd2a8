export * from './articles.js';
export * from './staff.js';
export * from './search.js';
export * from './conversations.js';
export * from './handoffs.js';
export * from './search-index.js';
