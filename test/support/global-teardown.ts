export default async (): Promise<void> => {
  const child = globalThis.__ANNALS_TEST_PG__;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
};
