/** The search API over the memory backend (the cases: search-api.cases.ts). */
import { searchApiCases } from './search-api.cases.js';

searchApiCases('memory');
