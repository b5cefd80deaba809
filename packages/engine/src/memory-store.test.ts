import { describeStoreContract } from './testing/index.ts';
import { MemoryStore } from './memory-store.ts';

describeStoreContract('MemoryStore', async () => new MemoryStore());
