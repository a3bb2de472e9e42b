import { rmSync } from 'node:fs';

export default async (): Promise<void> => {
  const state = globalThis.__ANNALS_TEST_PG__;
  if (!state?.handle) return;
  await state.handle.stop();
  if (state.dir) rmSync(state.dir, { recursive: true, force: true });
};
