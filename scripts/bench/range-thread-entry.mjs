// Entry of a benchmark range thread: worker threads do not inherit the parent's TypeScript
// loader on Node.js 20, so this plain module registers tsx before loading the thread's code.
import { register } from 'tsx/esm/api';

register();
await import('./range-thread.ts');
