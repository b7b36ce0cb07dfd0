#!/usr/bin/env node
// The `remise` command: a small dispatcher. Each subcommand lives in its own module under ../cli/
// (loaded only when used) and exports `summary` (one line, kept in cli/summaries.mjs), `usage` (its
// help text) and `run(argv) → Promise<number>` (the exit code).
//
// Adding a subcommand (e.g. `remise batch build|parse|archive`): write cli/<name>.mjs with those
// three exports, its summary in cli/summaries.mjs, and add one line to COMMANDS below.
const COMMANDS = {
  sim: () => import('../cli/sim.mjs'),
  batch: () => import('../cli/batch.mjs'),
};

// The summaries without loading the subcommands (cli/summaries.mjs).
const HELP = async () => {
  const { SUMMARIES } = await import('../cli/summaries.mjs');
  const lines = ['usage: remise <command> [options]', '', 'commands:'];
  for (const name of Object.keys(COMMANDS)) lines.push(`  ${name.padEnd(8)} ${SUMMARIES[name]}`);
  // (--version and `help <command>` named too: both worked unsaid, a new user's trial, twenty-fourth pass.)
  lines.push('', "Run 'remise <command> --help' (or 'remise help <command>') for a command's options; 'remise --version' prints the version.");
  return lines.join('\n');
};

let [command, ...rest] = process.argv.slice(2);
// `remise help batch build` is `remise batch build --help` (it printed the top-level help: the attack on
// the CLI, twenty-third pass).
if (command === 'help' && rest.length > 0) [command, ...rest] = [...rest, '--help'];
if (command === undefined) {
  // No command is a wrong command line (exit 2, help on stderr), as for `remise batch` alone.
  console.error(await HELP());
  process.exitCode = 2;
} else if (command === '--help' || command === '-h' || command === 'help') {
  process.exitCode = await print(await HELP());
} else if (command === '--version' || command === '-v') {
  const { createRequire } = await import('node:module');
  process.exitCode = await print(createRequire(import.meta.url)('../package.json').version);
} else if (!Object.hasOwn(COMMANDS, command)) {
  const { didYouMean } = await import('../cli/suggest.mjs');
  console.error(`remise: unknown command '${command}'.${didYouMean(command, [...Object.keys(COMMANDS), 'help'])}\n\n${await HELP()}`);
  process.exitCode = 2;
} else {
  const mod = await COMMANDS[command]();
  try {
    process.exitCode = await mod.run(rest);
  } catch (e) {
    // parseArgs errors (unknown option, missing value) and the command's own usage errors.
    console.error(`remise ${command}: ${e.message}\n\n${mod.usage}`);
    process.exitCode = 2;
  }
  // A one-shot command (not `sim`, which serves until stopped) is finished once run() resolved:
  // its files are written and renamed. Should a handle (stdin, a stream) still hold the event loop,
  // leave anyway, once what stdout and stderr still hold is written: Node makes a pipe non-blocking,
  // so a slow reader (`| (sleep 3; wc -c)`) left a report cut at 64 KiB when the exit came first.
  if (command !== 'sim') {
    await Promise.all([process.stdout, process.stderr].map(flushed));
    setTimeout(() => process.exit(), 2000).unref();
  }
}

/**
 * `text` and a line break on stdout: 0 once written, 2 when the write failed (`--help > /dev/full`
 * exited 0 with nothing written: console.log drops the error; a helper's attack on the CLI,
 * eighteenth pass), as the commands' output (cli/output.mjs). A closed pipe (`| head -0`) is no failure.
 */
async function print(text) {
  const { writeOut } = await import('../cli/output.mjs');
  process.stdout.on('error', () => {});
  try {
    writeOut(text + '\n');
  } catch (e) {
    process.stderr.on('error', () => {});
    process.stderr.write(`remise: stdout: ${e?.message ?? e}\n`);
    return 2;
  }
  return 0;
}

/**
 * Resolves once `stream` has written what it holds: an empty write's callback runs after the writes
 * before it (waiting for 'drain' hung when less than the high-water mark was left), or with the error
 * of a closed pipe, which ends the wait too.
 */
function flushed(stream) {
  if (stream.destroyed || stream.writableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    try {
      stream.write('', () => resolve());
    } catch {
      resolve();
    }
  });
}
