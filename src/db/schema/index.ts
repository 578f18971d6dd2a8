export * from './articles.js';
export * from './staff.js';
