/** The search API over the FTS5 backend (the cases: search-api.cases.ts). */
import { searchApiCases } from './search-api.cases.js';

searchApiCases('fts5');
