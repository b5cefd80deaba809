/** `@hybrid-hub/contract/testing`: test helpers for the files the console writes (Vitest only). */
export { liveFormulas, readCsv } from './csv-reader.ts';
