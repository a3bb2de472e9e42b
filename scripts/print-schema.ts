import { writeFileSync } from 'node:fs';
import { printAppSchema } from '../src/app-schema';

/** Writes the app's GraphQL schema (SDL) to the path given, for the admin UI's code generator. */
const main = async () => {
  const [target] = process.argv.slice(2);
  const sdl = await printAppSchema();
  if (target) writeFileSync(target, sdl);
  else process.stdout.write(sdl);
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
