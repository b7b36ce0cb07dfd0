// The command line's shared reading of arguments: `util.parseArgs`, strict, with two things it lacks,
// an option given twice refused and a mistyped name answered with the one it was probably meant to be.
import { parseArgs } from 'node:util';
import { didYouMean } from './suggest.mjs';

/**
 * `util.parseArgs(config)`, strict, throwing `new Failure(message)` for an option given twice
 * (parseArgs keeps the last one: `-o a.csv … -o b.csv` wrote b.csv without a word, `--port 0 --port 1`
 * listened on 1) and adding "Did you mean '--x'?" to parseArgs' own error for an unknown option.
 */
export function parseStrict(config, Failure = Error) {
  let parsed;
  try {
    parsed = parseArgs({ ...config, strict: true, tokens: true });
  } catch (e) {
    if (e?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      // Node's own text goes on with advice about positionals that ends in an unbalanced quote
      // (`as in '-- "--foo"`): its first sentence is kept.
      const name = /'(--?[^'=]*)/.exec(e.message)?.[1];
      const longs = Object.keys(config.options ?? {}).map((o) => `--${o}`);
      e.message = `${e.message.replace(/\.? To specify a positional argument[\s\S]*$/, '').replace(/\.$/, '')}.${name?.startsWith('--') ? didYouMean(name, longs) : ''}`;
    }
    // An option followed by another (`--remitter-id $UNSET --sequence 42`): Node's three sentences end
    // in advice about dashes (the messages audit, twenty-ninth pass).
    if (e?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument is ambiguous/.test(e.message)) {
      // (The long name, whose `=VALUE` form parseArgs reads: `-o=-x` wrote a file named '=-x', the review
      // of the pass; a short option alone takes its value joined, `-o-x`.)
      const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
      const short = /^-[A-Za-z0-9]/.exec(quoted)?.[0];
      const named = short && Object.entries(config.options ?? {}).find(([, o]) => `-${o.short}` === short)?.[0];
      const long = /--[A-Za-z0-9-]+/.exec(quoted)?.[0] ?? (named ? `--${named}` : undefined);
      const name = short && long ? `${short} (${long})` : long ?? short ?? 'the option';
      e.message = `${name} has no value: the word after it is an option (an empty shell variable?); give its value, or ${long ? `${long}=VALUE` : `${name}VALUE`} for one that starts with a dash`;
    }
    throw e;
  }
  const seen = new Set();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option') continue;
    if (seen.has(t.name)) throw new Failure(`--${t.name} is given twice: give it once`);
    seen.add(t.name);
  }
  return parsed;
}
