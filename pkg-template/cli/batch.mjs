// `remise batch build|check|report`: Sogenactif Office Batch files from the shell.
//
// Exit codes: 0 done; 1 the data is wrong (an invalid record, a header option the validator
// refuses, a malformed response file: the RemiseError's code, field paths and message are printed);
// 2 the command line is wrong or a file cannot be read or written. No stack trace for any of these.
import { SUMMARIES } from './summaries.mjs';
import { parseStrict } from './args.mjs';
import { didYouMean } from './suggest.mjs';
import { accessSync, closeSync, constants as fsConstants, createReadStream, fchmodSync, fchownSync, fstatSync, fsyncSync, ftruncateSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:os';
import { Socket } from 'node:net';
import { isatty, ReadStream } from 'node:tty';
import { createEngine, JsConverter } from './engine.mjs';
import { crc32, ENTRY_NAME, localHeader, MAX_DATA, nameMismatch, trailer } from './zip.mjs';
import { createSummary, jsonPieces, jsonSafe, maskDigits, problems, htmlPieces, renderText, terminalSafe } from './report.mjs';
import { chunks, isDirectoryError, lines, MAX_LINE, readNamed, readResponse } from './lines.mjs';
import { writeOut } from './output.mjs';

export const summary = SUMMARIES.batch;

// Input read per converter call (the output of one call is about half of it for CSV), and how
// much input the synchronous loop reads before it lets the event loop run.
const CHUNK = 1 << 16;
const SLICE = 1 << 23;
// Input given to the converter between two drains of its rejects (see `convert`).
const REJECT_SLICE = 1 << 14;
// Blank lines (and a BOM) kept before the first record to tell the format from its first byte: past
// this many, the input is read as CSV (they are kept, not dropped: they count as lines).
const MAX_BLANK_PREFIX = 1 << 24;
// The signals after which `build` removes its temporary file (then exits 128 + its number).
const SIGNALS = ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGTERM'];

const USAGE = {
  batch: `usage: remise batch <command> [options]

commands:
  build INPUT -o OUTPUT --remitter-id ID --sequence N   records (NDJSON or CSV) → request file
  check INPUT                                            the same validation, no output
  report RESPONSE [--request REQUEST]                    a response file as a summary (text, --json, --html)

Run 'remise batch <command> --help' for a command's options.
Exit codes: 0 done, 1 invalid data (issues on stderr), 2 wrong command line or unreadable file.`,
  build: `usage: remise batch build INPUT -o OUTPUT --remitter-id ID --sequence N [options]

Writes the Office Batch request file of the records in INPUT. INPUT is NDJSON / JSONL (one record
object per line) or CSV with a header row of field names (a 'method' column; nested fields as
'original.amount', 's10TransactionReference.s10TransactionId'); '-' reads stdin. OUTPUT appears
(renamed from a temporary file beside it) only when every record is valid.

  -o, --output FILE        the request file (or its ZIP archive with --zip)
  --remitter-id ID         header.remitterId (15 digits)
  --sequence N             header.sequence: the file's number for this remitter
  --syntax csv|xml         file syntax (default csv)
  --file-version V         file version (default v19 for CSV, 5 for XML)
  --date D --time T        header.date / header.time ('2026-11-29+0100', '22:30:00+0100'), both or
                           neither; default now
  --input-format F         ndjson or csv (default: from INPUT's extension, else from its first byte)
  --layouts FILE           a JSON object of column layouts per method, for a bank whose columns differ
                           from remise's table ({"refund": ["merchantId", …]}: README "Correcting a layout")
  --zip                    write the ready-to-upload ZIP archive (one OFBREQ entry)
  --entry NAME             the archive's entry name (one ending in the other syntax's extension
                           or in .zip is refused)
                           (default: OUTPUT's name without .zip when it starts with OFBREQ, with
                           the syntax's extension; else OFBREQ.csv / OFBREQ.xml)
  --errors FILE            every invalid record as NDJSON: { line, index, issues: [{ field, code, message }] }
  --max-issues N           issues printed on stderr before the counts (default 20)
  --no-progress            no progress line (it is shown only when stderr is a terminal)
  -h, --help               this help`,
  check: `usage: remise batch check INPUT [options]

Validates the records of INPUT as 'build' does, without writing a file. Exit code 0 when every
record is valid, 1 otherwise (issues on stderr).

  --syntax csv|xml         file syntax the records must fit (default csv: ';' is refused in values)
  --file-version V         file version (default v19 for CSV, 5 for XML)
  --remitter-id ID         also check a header remitterId
  --sequence N             also check a header sequence
  --date D --time T        also check a header date / time ('2026-11-29+0100', '22:30:00+0100')
  --input-format F         ndjson or csv (default: from INPUT's extension, else from its first byte)
  --layouts FILE           a JSON object of column layouts per method (as build takes it)
  --errors FILE            every invalid record as NDJSON: { line, index, issues }
  --max-issues N           issues printed on stderr before the counts (default 20)
  --no-progress            no progress line (it is shown only when stderr is a terminal)
  -h, --help               this help`,
  report: `usage: remise batch report RESPONSE [--request REQUEST] [--json] [--html FILE] [--max-rejections N]
                           [--unknown-lines error|report] [--layouts FILE] [--result-fields LIST]

Reads an Office Batch response file and prints, per method, the records, accepted, rejected and
amounts per currency, then the most frequent response codes with their meaning. '-' reads stdin.

  --request REQUEST        the request file (CSV) or the records (NDJSON / CSV) it was built from:
                           each response line is joined to its request record by recordSequence,
                           and the rejected ones are listed with what to do
  --json                   print the report as JSON (schema remise.batch.report/1, see README)
  --html FILE              also write one self-contained HTML page (tables and a chart)
  --max-rejections N       rejected records listed in the text summary (default 20)
  --unknown-lines MODE     a line whose type (first column) is none of the 11 methods: 'error' (default)
                           stops at it; 'report' leaves it out of the totals and lists it in a WARNING
  --layouts FILE           the column layouts the request file was built with (as build takes them):
                           a response line echoes its request line
  --result-fields LIST     the names of the result columns after the echoed ones, comma-separated
                           (default responseCode,acquirerResponseCode,authorisationId; README
                           "Response files")
  -h, --help               this help

Exit code 0 when the response file was read (whatever its records say); 1 when it is malformed, holds
lines of unknown type, repeats a recordSequence, or does not match --request (another remitter or
sequence, or a joined line that answers another record): the report is still printed, with a WARNING
line saying which.`,
};

export const usage = USAGE.batch;

/** Entry of the dispatcher (bin/remise.mjs): the process's streams. */
export function run(argv) {
  // `remise batch report … | head`: a closed pipe ends the output, quietly, not the command, whose
  // exit code stays its verdict (it was 0 whatever the report said). The result is written with
  // `printResult`, which names any other failure; a closed or failing stderr has no one left to
  // tell, and must not crash the command before `build` removes its temporary file (a helper's
  // attack: `2>&1 | true` left 39 MB of card data beside OUTPUT).
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  return main(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, signals: true });
}

/**
 * The command's result on stdout, all of it or a FileError naming stdout: the process's stdout on
 * a file writes synchronously and takes a short write on a full disk as done (a report cut at the
 * disk's end, exit 0). A closed pipe (EPIPE) ends the output quietly.
 */
function printResult(io, text) {
  if (io.stdout !== process.stdout) {
    io.stdout.write(text);
    return;
  }
  try {
    // A reader that went away (`| head`) ends the output quietly; the bin waits for a full pipe.
    writeOut(text);
  } catch (e) {
    throw new FileError(`stdout: ${e?.message ?? e}`);
  }
}

/**
 * A help text on stdout: exit 0 once written, 2 when it could not be (`--help > /dev/full` exited 0
 * with nothing written: a helper's attack on the CLI, eighteenth pass), as any other output.
 */
function printHelp(io, text, name) {
  try {
    printResult(io, text + '\n');
  } catch (e) {
    io.stderr.write(`remise batch${name ? ` ${name}` : ''}: ${e?.message ?? e}\n`);
    return 2;
  }
  return 0;
}

/**
 * Where the --html page goes: a device or a pipe (`/dev/stdout`, `>(cmd)`, `/dev/null`) is written as
 * it is, as before; a regular file or a new one as OUTPUT is (`outputFile`). Checked before the
 * response is read.
 */
function htmlTarget(name) {
  const st = name === '' || name === '-' ? null : statOf('--html', name);
  if (st && !st.isFile() && !st.isDirectory()) return { direct: true, path: name };
  const std = standardFile(st);
  if (std) return { direct: true, fd: std };
  return outputFile(name, '--html');
}

/** Strings written one after the other to the file at `path`, opened (made or emptied) for it. */
function writePieces(path, pieces) {
  const fd = openSync(path, 'w');
  try {
    for (const piece of pieces) writeAll(fd, Buffer.from(piece));
  } finally {
    closeSync(fd);
  }
}

/** The --html page (its pieces), to a device or pipe as it is, else whole (`writeWhole`). */
async function writeHtml(io, name, pieces) {
  const target = htmlTarget(name);
  if (target.direct) {
    try {
      if (target.fd !== undefined) for (const piece of pieces) writeAll(target.fd, Buffer.from(piece));
      else writePieces(name, pieces);
    } catch (e) {
      // A pipe closed by its reader (`--html /dev/stdout | head`): quietly, as stdout's.
      if (e?.code === 'EPIPE') return;
      throw new FileError(`--html ${name}: ${e?.message ?? e}`);
    }
    return;
  }
  await writeWhole(target, name, pieces, io);
}

/**
 * A whole file (the --html report) written as OUTPUT is (`replacement`): on any failure the old file
 * is left as it was (a full disk left a page cut in the middle under the final name).
 */
async function writeWhole(target, name, pieces, io) {
  let file;
  try {
    file = replacement(io, target, `--html ${name}`);
  } catch (e) {
    // A file this user may write in a directory it may not (no temporary file there): written in
    // place, as before (not atomic: a full disk cuts it).
    if (e?.code === 'EACCES' || e?.code === 'EPERM' || e?.code === 'EROFS') {
      try {
        writePieces(target.path, pieces);
      } catch (e2) {
        throw fileError('--html', name, e2);
      }
      return;
    }
    throw new FileError(`--html ${name}: ${e?.message ?? e}`);
  }
  try {
    for (const piece of pieces) writeTo(file.fd, Buffer.from(piece), file.name);
    await file.commit();
  } finally {
    file.abandon();
  }
}

/**
 * The file that replaces `target` (from `outputFile`): a temporary file beside it, readable by this
 * user alone while it is written (request files hold card numbers). `commit()` puts it on disk (so
 * that the final name is never one of a partly written file, even after a crash), gives it what the
 * replaced file had (`settle`) and renames it over `target`; `abandon()`, in a `finally`, removes it
 * unless committed, synchronously (nothing, a failing stderr or a signal, can come between), and a
 * hang-up, quit, interrupt or terminate signal removes it too. `name` names it in errors.
 */
function replacement(io, target, label) {
  // The name's first 100 characters: a name near the 255 allowed was refused (ENAMETOOLONG) only
  // because of the temporary file's longer one.
  const temp = join(dirname(target.path), `.${basename(target.path).slice(0, 100)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let renamed = false;
  // Watching before the file exists (a signal between its creation and the watch left it, empty: a
  // helper's attack, twenty-third pass). A signal once it was renamed finds the new file in place,
  // complete: said on stderr, so that the exit code of the signal is not read as "nothing written".
  const stopWatching = onSignal(io, () => (renamed ? `${label.replace(/^-o /, '')} was written whole before the signal` : rmSync(temp, { force: true })));
  let fd;
  try {
    fd = openSync(temp, 'wx', 0o600);
  } catch (e) {
    stopWatching();
    throw e;
  }
  const name = `${label} (temporary file ${basename(temp)})`;
  let open = true;
  return {
    fd,
    name,
    async commit() {
      try {
        fsyncSync(fd);
      } catch (e) {
        throw new FileError(`${name}: ${e?.message ?? e}`);
      }
      settle(fd, target);
      closeSync(fd);
      open = false;
      // Synchronous: no signal's handler runs between the last check and the rename (an awaited rename
      // ran on the thread pool while the handler found no temporary file and exited 130 with OUTPUT
      // replaced: the same attack), and `renamed` is true when the handler runs after it.
      try {
        renameSync(temp, target.path);
      } catch (e) {
        // Node's "EPERM: operation not permitted, rename '….tmp' -> …" named the temporary file and no
        // fix (a review of the twenty-fifth pass; a sticky directory's is refused up front, `outputFile`,
        // so this is a directory changed during the run, or one that refuses renames). (The temporary
        // file is removed by `abandon`.)
        if (e?.code === 'EPERM' || e?.code === 'EACCES') throw new FileError(`${label}: the file there could not be replaced (${e.code}): check the directory's permissions, or choose another`);
        throw e;
      }
      renamed = true;
    },
    abandon() {
      stopWatching();
      if (renamed) return;
      if (open) closeSync(fd);
      open = false;
      // (A directory made unwritable during the run keeps it: the error that ended the run is still the
      // one said, this one's hid it, and the file is named, since it holds the records written so far.)
      try {
        rmSync(temp, { force: true });
      } catch (e) {
        try {
          io.stderr.write(`remise batch: the temporary file ${temp} could not be removed (${e?.code ?? e}): remove it, it holds the records written so far\n`);
        } catch {}
      }
    },
  };
}

/**
 * The temporary file of `replacement` that could not be made: a directory this user may not write to
 * named itself only by the hidden temporary file (`EACCES: permission denied, open
 * 'ro/.new.csv.25009.e4827ace.tmp'`: a helper's attack on the CLI, eighteenth pass), so the error
 * names the option and the directory.
 */
function replacementError(e, target, label) {
  if (NO_TEMPORARY_FILE.has(e?.code)) {
    return new FileError(`${label}: the directory ${dirname(target.path)} is not writable (${e.code}): remise writes ${basename(target.path)} there as a temporary file, then renames it; make the directory writable or choose another`);
  }
  return new FileError(`${label}: cannot make its temporary file beside it: ${e?.message ?? e}`);
}
/** The errors of a temporary file's creation that say the directory takes none. */
const NO_TEMPORARY_FILE = new Set(['EACCES', 'EPERM', 'EROFS']);

// What a hang-up, quit, interrupt or terminate signal undoes (temporary files removed, an --errors
// written in place emptied), all of it: with one listener per file, the first one's exit left the
// others (OUTPUT's and --errors' temporary files are open together since the eighteenth pass).
const cleanups = new Set();

/**
 * After any of SIGNALS: every cleanup, then exit 128 + the signal's number. A cleanup that finds its
 * file written already returns what to say of it (stderr, one line each).
 */
function interrupted(signal) {
  for (const cleanup of cleanups) {
    try {
      const said = cleanup();
      if (typeof said === 'string') writeSync(2, `remise: interrupted (${signal}); ${terminalSafe(said)}\n`);
    } catch {
      // The next one all the same.
    }
  }
  process.exit(128 + (constants.signals[signal] ?? constants.signals.SIGTERM));
}

/**
 * Ctrl-C, a kill or a hang-up while a file is written: `cleanup()` (the temporary file removed: the
 * file it replaces was never touched), then exit 128 + the signal's number. Returns what stops
 * watching.
 */
function onSignal(io, cleanup) {
  if (!io.signals) return () => {};
  if (cleanups.size === 0) for (const sig of SIGNALS) process.on(sig, interrupted);
  cleanups.add(cleanup);
  return () => {
    if (cleanups.delete(cleanup) && cleanups.size === 0) for (const sig of SIGNALS) process.removeListener(sig, interrupted);
  };
}

/**
 * A written temporary file given what the file it replaces had: its owner and group where this user
 * may give them (root may), then its mode (after the owner: a change of owner clears the set-user-ID
 * and set-group-ID bits). A new file gets the mode a new file gets here (0666 less the umask). ACLs
 * are not copied (README "Command line").
 */
function settle(fd, target) {
  if (target.uid !== null) {
    try {
      fchownSync(fd, target.uid, target.gid);
    } catch {
      // Not allowed: the file stays this user's.
    }
  }
  fchmodSync(fd, target.mode ?? (0o666 & ~process.umask()));
}

/**
 * A reject written to --errors. A pipe or device whose reader went away (`--errors /dev/stdout | head`)
 * ends that output quietly, as a closed stdout does, and the exit code stays the verdict (it was 2, "EPIPE:
 * broken pipe": a helper's attack on the CLI, twenty-third pass).
 */
function writeRejects(errors, bytes) {
  try {
    writeAll(errors.fd, bytes);
  } catch (e) {
    if (e?.code === 'EPIPE' && errors.device) {
      errors.gone = true;
      return;
    }
    throw new FileError(`${errors.name}: ${e?.message ?? e}`);
  }
}

/** `writeAll` that names the file in its error (a full disk said only "ENOSPC: …, write"). */
function writeTo(fd, bytes, name) {
  try {
    writeAll(fd, bytes);
  } catch (e) {
    throw new FileError(`${name}: ${e?.message ?? e}`);
  }
}

/** The options `convert` reads, checked before --errors is emptied (a usage error touches no file). */
function commandLineChecks(values, input) {
  positiveInt('max-issues', values['max-issues']);
  inputFormat(values, input, Buffer.alloc(0));
}

/**
 * The --errors file, emptied once the command line is accepted, before anything else can fail: README says it is written each time,
 * and a run that stopped early (a bad --date, a missing INPUT) left the last run's rejects in it,
 * readable as this run's. `-` is refused as for -o (it made a file named '-'). Returns null, `{ fd }`
 * for a device or a pipe (`/dev/stderr`, `>(cmd)`: written as it is), or `{ target }` for a file:
 * its rejects go to a temporary file beside it, renamed over it once every record was read
 * (`errorsFile`), as OUTPUT is, so it is never left half-written (a helper's attack on the CLI,
 * eighteenth pass: a full disk or Ctrl-C left part of the rejects, readable as all of them). A
 * read-only one is refused as OUTPUT is (`outputFile`).
 */
function openErrors(values) {
  if (values.errors === undefined) return null;
  if (values.errors === '' || values.errors === '-') {
    throw new UsageError(`--errors '${values.errors}': give the name of the file to write the rejected records to, or a device such as /dev/stderr ('-' is not read as stdout)`);
  }
  let st = null;
  try {
    st = statOrNull(values.errors);
  } catch {
    // outputFile or the open below says why.
  }
  const std = standardFile(st);
  if (std) return { fd: std };
  if (st && !st.isFile() && !st.isDirectory()) {
    try {
      return { fd: openSync(values.errors, 'w') };
    } catch (e) {
      throw new FileError(`--errors ${values.errors}: ${e?.message ?? e}`);
    }
  }
  const target = outputFile(values.errors, '--errors');
  try {
    closeSync(openSync(target.path, 'w'));
  } catch (e) {
    throw fileError('--errors', values.errors, e);
  }
  return { target };
}

/**
 * Where this run's rejects are written (`{ fd, name, commit(), abandon() }`), from `openErrors`'s
 * plan; made once INPUT is open, as OUTPUT's temporary file. A file in a directory this user may not
 * write to (no temporary file there) is written in place, as `--html` is, and emptied again on any
 * failure or signal: empty, never half-written.
 */
function errorsFile(io, plan, name) {
  if (plan === null) return null;
  const label = `--errors ${name}`;
  if (plan.fd !== undefined) return { fd: plan.fd, name: label, device: true, gone: false, async commit() {}, abandon() {} };
  try {
    return replacement(io, plan.target, label);
  } catch (e) {
    if (!NO_TEMPORARY_FILE.has(e?.code)) throw replacementError(e, plan.target, label);
  }
  let fd;
  try {
    fd = openSync(plan.target.path, 'w');
  } catch (e) {
    throw fileError('--errors', name, e);
  }
  const stopWatching = onSignal(io, () => truncateSync(plan.target.path, 0));
  let committed = false;
  let open = true;
  return {
    fd,
    name: label,
    async commit() {
      committed = true;
    },
    abandon() {
      stopWatching();
      if (!open) return;
      open = false;
      try {
        if (!committed) ftruncateSync(fd, 0);
      } finally {
        closeSync(fd);
      }
    },
  };
}

class UsageError extends Error {}
/** A file that cannot be used (exit 2, no usage text). */
class FileError extends Error {}

/** `util.parseArgs`, strict, an option given twice refused, a mistyped one answered (cli/args.mjs). */
function parseArgs(config) {
  const { values, positionals } = parseStrict(config, UsageError);
  return { values, positionals };
}

/** What stdin reads (its `fstat`), or null when it cannot be told. */
function stdinStat() {
  try {
    return fstatSync(0);
  } catch {
    return null;
  }
}

/**
 * 1 or 2 when `st` is the regular file this process's stdout or stderr writes to (`--errors /dev/stderr`
 * under `2>> nightly.log`), else 0. Such a file is written through that descriptor, where the rest of the
 * run's output goes, never replaced: a helper's attack (twenty-first pass) saw the log replaced by the
 * rejects, its earlier nights and the run's own summary gone.
 */
function standardFile(st) {
  if (!st?.isFile()) return 0;
  for (const fd of [1, 2]) {
    try {
      const s = fstatSync(fd);
      if (s.isFile() && s.dev === st.dev && s.ino === st.ino) return fd;
    } catch {
      // Closed: nothing writes there.
    }
  }
  return 0;
}

/**
 * Whether `path` names this process's stdout: `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1` or a link to
 * one, or stdout's file, pipe or terminal by another name when stderr's is another (`--html /dev/stderr`
 * on a terminal that both share is stderr: the second review of the pass saw its text report dropped).
 */
function isStdout(path) {
  let p = path;
  for (let i = 0; i < 8; i++) {
    if (/^\/(?:dev\/stdout|dev\/fd\/1|proc\/(?:self|\d+)\/fd\/1)$/.test(p)) return true;
    try {
      p = resolve(dirname(p), readlinkSync(p));
    } catch {
      break;
    }
  }
  try {
    const st = statOrNull(path);
    const same = (fd) => {
      const o = fstatSync(fd);
      return st !== null && st.dev === o.dev && st.ino === o.ino;
    };
    return same(1) && !same(2);
  } catch {
    return false;
  }
}

/** What stdin reads when it is a regular file, else null. */
function stdinFile() {
  const st = stdinStat();
  return st && st.isFile() ? st : null;
}

/**
 * A path that cannot be looked at, in words, with its option (Node's raw `ENOTDIR: not a directory, lstat
 * 'req.csv/x.csv'` or `EACCES …, stat` were printed: the attack on the CLI, twenty-fifth pass, and the
 * review after it). Not a wrong command line: no usage text after it.
 */
function pathError(flag, path, e) {
  const why = {
    ENOTDIR: 'a part of its path is a file, not a directory; give the name of a file in a directory',
    ENAMETOOLONG: 'the name is too long for the file system; give a shorter one',
    EACCES: deniedWhy(flag, path, e),
    ELOOP: 'its symbolic links loop; give the file itself',
  }[e?.code === 'EPERM' ? 'EACCES' : e?.code];
  const shown = e?.code === 'ENAMETOOLONG' ? `${path.slice(0, 60)}…` : path;
  return new FileError(`${flag ? `${flag} ` : ''}${shown}: ${why ?? `cannot be looked at (${e?.code ?? e})`}`);
}

/**
 * Why this user may not use `path` (EACCES, EPERM): a directory on its way it may not search (the path
 * cannot even be looked at), a directory it may not write a new output in, or the file itself (read for
 * INPUT and --request, written for the outputs).
 */
function deniedWhy(flag, path, e) {
  let state = 'there';
  try {
    if (statSync(path).isDirectory()) state = 'directory';
  } catch (s) {
    state = s?.code === 'EACCES' || s?.code === 'EPERM' ? 'blocked' : 'missing';
  }
  const reading = !flag || flag === '--request' || flag === 'INPUT' || flag === 'RESPONSE';
  if (state === 'directory') return `is a directory (${e?.code}); give a file`;
  if (state === 'blocked') return `a directory on its path may not be searched by this user (${e?.code}); give a path this user can reach`;
  if (state === 'missing' && !reading) return `the directory ${dirname(path)} is not writable by this user (${e?.code}); make it writable or choose another`;
  return `this user may not ${reading ? 'read' : 'write'} it (${e?.code}); check its permissions`;
}

/** The codes `pathError` words. */
const WORDED = new Set(['ENOTDIR', 'EACCES', 'EPERM', 'ELOOP', 'ENAMETOOLONG']);

/** The error of opening or writing the file `flag` names: in words (`pathError`) when its code is one of those, else Node's. */
const fileError = (flag, path, e) => (WORDED.has(e?.code) ? pathError(flag, path, e) : new FileError(`${flag} ${path}: ${e?.message ?? e}`));

/**
 * `statOrNull`, or null when the path cannot be looked at: an INPUT that cannot be is refused when it is
 * opened, after `--errors` is emptied (README: a run stopped by it leaves no old rejects; a CLI
 * differential fuzz, twenty-fifth pass, found them left when its directory could not be searched).
 */
function statOrNone(path) {
  try {
    return statOrNull(path);
  } catch {
    return null;
  }
}

/** `statOrNull` of a path an option names, its errors said by `pathError`. */
function statOf(flag, path) {
  try {
    return statOrNull(path);
  } catch (e) {
    throw pathError(flag, path, e);
  }
}

/** `statSync(path)`, or null when nothing is there ('-' is stdin or stdout: never a file here). */
function statOrNull(path) {
  if (path === '-') return null;
  try {
    return statSync(path);
  } catch (e) {
    if (e?.code === 'ENOENT' || e?.code === 'ENOTDIR') return null;
    throw e;
  }
}

/**
 * Refuses a file this command writes (`writes`: [[flag, path]]) that is also one it reads or
 * another it writes (`reads` likewise): opening it for writing would truncate it before it is read
 * (`--errors` naming INPUT emptied it), or a failed run would overwrite a good OUTPUT. Compared by
 * device and inode, so another name for the same file (a link, `./x`) is caught too.
 */
/** `[[flag, path]]` for `refuseSameFile` when the option is given, else none. */
const given = (flag, path) => (path === undefined ? [] : [[flag, path]]);

function refuseSameFile(reads, writes) {
  const files = [];
  for (const [list, writing] of [[reads, false], [writes, true]]) {
    for (const [flag, path] of list) {
      // Stdin redirected from a file (`- < r.csv`): that file, which `/dev/stdin` or
      // `/proc/self/fd/0` as an output would also name (it was overwritten).
      if (path === '-') {
        const st = writing ? null : stdinFile();
        if (st) files.push({ flag, path: 'stdin', writing, st });
      } else files.push({ flag, path, writing, st: writing ? statOf(flag, path) : statOrNone(path) });
    }
  }
  for (let i = 0; i < files.length; i++) {
    for (let j = i + 1; j < files.length; j++) {
      const a = files[i];
      const b = files[j];
      if (!a.writing && !b.writing) continue;
      const same = a.st && b.st ? a.st.dev === b.st.dev && a.st.ino === b.st.ino : !a.st && !b.st && resolve(a.path) === resolve(b.path);
      if (same) throw new UsageError(`${b.flag} ${b.path} is the same file as ${a.flag} ${a.path}: give another file name`);
    }
  }
}

/**
 * Where OUTPUT is written: its temporary file goes beside the file OUTPUT names and is renamed over
 * it, so OUTPUT must name a regular file or nothing yet. A symbolic link is followed (the file it
 * points to is replaced, the link stays); a device, pipe, socket or directory is refused rather
 * than replaced by a regular file (`-o /dev/null` as root did that). Returns { path, mode }: the
 * file to replace and the permissions of the one there (kept: request files hold card numbers).
 */
function outputFile(output, flag = '-o') {
  if (output === '' || output === '-') {
    // (--html and --errors take /dev/stdout, written as it is; OUTPUT is written to a file and renamed.)
    const stdout = flag === '--html' ? ', or /dev/stdout for the page instead of the text report' : flag === '--errors' ? ', or a device such as /dev/stderr' : '';
    throw new UsageError(`${flag} '${output}': give the name of the file to write${stdout} (${flag === '-o' ? 'it is written to a file, then renamed, never to stdout' : "'-' is not read as stdout"})`);
  }
  let path = output;
  let st = null;
  try {
    st = lstatSync(output);
  } catch (e) {
    // Said with the option and in words (a raw `ENOTDIR: not a directory, lstat 'req.csv/x.csv'`: a
    // helper's attack on the CLI, twenty-fifth pass).
    if (e?.code !== 'ENOENT') throw pathError(flag, output, e);
  }
  // A name ending in '/' is a directory's: one that does not exist was found only at the rename, after
  // the whole conversion (dirname('new/') is '.'; the same attack). (A backslash is a file name's
  // character here, not a separator.)
  if (st === null && /\/\.{0,2}$/.test(output)) throw new FileError(`${flag} ${output}: names a directory, which does not exist; give the name of the file to write`);
  if (st?.isSymbolicLink()) {
    // What the link points to, followed by stat: `/dev/stdout` on a pipe points to `pipe:[…]`, which
    // realpath cannot name (a raw ENOENT: a new user's walk, twenty-first pass); only a file is named.
    try {
      st = statSync(output);
      if (st.isFile()) path = realpathSync(output);
    } catch (e) {
      // (A loop, or a directory on the way this user may not search: said as such, as for --errors.)
      if (e?.code !== 'ENOENT') throw pathError(flag, output, e);
      throw new FileError(`${flag} ${output}: is a symbolic link to a file that does not exist; give the file itself`);
    }
  }
  if (st?.isDirectory()) throw new UsageError(`${flag} ${output}: is a directory; give the name of the file to write in it`);
  const std = standardFile(st);
  if (std) throw new UsageError(`${flag} ${output}: is the file this command's ${std === 1 ? 'stdout' : 'stderr'} is written to: give that file's own name without the redirect, or another (remise replaces the file it writes)`);
  if (st === null && !statOrNull(dirname(path))?.isDirectory()) throw new UsageError(`${flag} ${output}: the directory ${dirname(path)} does not exist`);
  if (st && !st.isFile()) {
    throw new UsageError(`${flag} ${output}: is not a regular file (a device, pipe or socket); remise writes a temporary file beside OUTPUT and renames it, so give a file name`);
  }
  // The rename replaces a file whatever its permissions: a read-only OUTPUT (made so to keep it) was
  // replaced without a word (a helper's attack on the CLI, eighteenth pass). Read-only is no write
  // permission for this user, or none for anyone (root may write to any file, as the rename would).
  const other = flag === '-o' ? 'OUTPUT' : 'file';
  if (st && !writable(path, st)) {
    // (Read-only for everyone, or another user's file: said as which; not a wrong command line.)
    if ((st.mode & 0o222) === 0) throw new FileError(`${flag} ${output}: the file is read-only: remove it or choose another ${other} (remise replaces the file it writes)`);
    const whose = typeof process.getuid === 'function' && st.uid !== process.getuid() ? "it is another user's" : 'its permissions or attributes';
    throw new FileError(`${flag} ${output}: this user may not write the file (${whose}): choose another ${other} (remise replaces the file it writes)`);
  }
  // Another user's file in a directory with the sticky bit (as /tmp), not this user's: this user may
  // write it but not replace it, which was found at the rename after the whole run (the last review of
  // the twenty-fifth pass); refused now, before anything is read or emptied.
  // (A directory this user may not write takes no temporary file: --errors and --html are then written
  // in place, which the sticky bit does not stop: not refused then; the review after.)
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const dir = st && uid !== 0 ? statOrNone(dirname(path)) : null;
  if (dir && (dir.mode & 0o1000) !== 0 && st.uid !== uid && dir.uid !== uid && mayWrite(dirname(path))) {
    throw new FileError(`${flag} ${output}: this user may not replace the file there (it is another user's, in a directory with the sticky bit, where only its owner may): choose another ${other}`);
  }
  return { path, mode: st ? st.mode & 0o7777 : null, uid: st ? st.uid : null, gid: st ? st.gid : null };
}

/** Whether this user may write in the directory `dir` (make a file there). */
function mayWrite(dir) {
  try {
    accessSync(dir, fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether this user may write to the file at `path` (its `stat`), and someone may at all. */
function writable(path, st) {
  if ((st.mode & 0o222) === 0) return false;
  try {
    accessSync(path, fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `remise batch …` with `argv` after 'batch'; `io` = { stdout, stderr, stdin, remise? } (remise:
 * the package's namespace, loaded when absent). Resolves with the exit code.
 */
export async function main(argv, io) {
  const [command, ...rest] = argv;
  // Messages name files and quote their content: both may hold escape sequences (a response file's
  // name is chosen by whoever sent it), so what reaches stderr is made terminal-safe.
  const say = (stream, text) => stream.write(terminalSafe(text.endsWith('\n') ? text : text + '\n'));
  if (command === undefined) {
    say(io.stderr, USAGE.batch);
    return 2;
  }
  const commands = { build, check, report };
  // `remise batch help build` is `remise batch build --help`, as `remise help batch build` is (it
  // printed the overview, and `help nonsense` exited 0: the attack on the CLI, twenty-fifth pass).
  if (command === 'help' && rest.length > 0 && Object.hasOwn(commands, rest[0])) return printHelp(io, USAGE[rest[0]], rest[0]);
  // (`help --help`, `help -h`, `help help`: the overview, as before; `remise help batch help` comes as
  // `batch help --help`.)
  if (command === 'help' && rest.length > 0 && !['--help', '-h', 'help'].includes(rest[0])) {
    say(io.stderr, `remise batch help: unknown command '${rest[0]}'.${didYouMean(rest[0], Object.keys(commands))}\n\n${USAGE.batch}`);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') return printHelp(io, USAGE.batch, '');
  if (!Object.hasOwn(commands, command)) {
    say(io.stderr, `remise batch: unknown command '${command}'.${didYouMean(command, [...Object.keys(commands), 'help'])}\n\n${USAGE.batch}`);
    return 2;
  }
  // Node reads a directory given as stdin (`- < /tmp`) as an empty input, which the commands would
  // call data with no record (exit 1): it is a file that cannot be read (exit 2).
  if (io.stdin === process.stdin && rest.includes('-') && stdinStat()?.isDirectory()) {
    say(io.stderr, `remise batch ${command}: stdin: EISDIR: it is a directory: give a file`);
    return 2;
  }
  try {
    return await commands[command](rest, io);
  } catch (e) {
    if (e instanceof UsageError || e?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || e?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || e?.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      // (An unknown option's text is parseArgs' first sentence and a did-you-mean: cli/args.mjs.)
      // The usage line, not the whole help: twenty lines of options scrolled the error away (a new
      // user's trial, twenty-fourth pass).
      say(io.stderr, `remise batch ${command}: ${e.message}\n\n${USAGE[command].split('\n')[0]}\n(remise help batch ${command} lists every option)`);
      return 2;
    }
    if (isRemiseLike(e)) {
      say(io.stderr, describeError(`remise batch ${command}`, optionHint(e)));
      return 1;
    }
    if (e instanceof FileError || e?.syscall || e?.code?.startsWith?.('E')) {
      // A file system error: what and which file, without a stack (a missing INPUT in words, not
      // Node's "ENOENT: no such file or directory, stat 'x'": a new user's trial, twenty-fourth pass).
      // (An INPUT in a directory this user may not search, or behind a file: in words too.)
      // (Of looking at or opening a path the command line named: a failed rename names the temporary
      // file, and says it as Node does.)
      const worded = !(e instanceof FileError) && ['open', 'stat', 'lstat', 'access', 'read'].includes(e?.syscall) && typeof e.path === 'string' && WORDED.has(e.code);
      say(io.stderr, `remise batch ${command}: ${missingFile(e) ? `${e.path}: ${NO_SUCH_FILE}` : worded ? pathError('', e.path, e).message : e.message}`);
      return 2;
    }
    say(io.stderr, `remise batch ${command}: internal error: ${e?.message ?? e}\n${e?.stack ?? ''}\nPlease report this (it is a bug, not bad input).`);
    return 70;
  }
}

/** Whether `e` is Node's own error of a file that does not exist (its text: "ENOENT: no such file…, stat 'x'"). */
const missingFile = (e) => e?.code === 'ENOENT' && typeof e.path === 'string' && /^ENOENT: /.test(e.message);
/** What is said of it instead. */
const NO_SUCH_FILE = 'no such file (ENOENT): check the path';

function isRemiseLike(e) {
  // (Node's own errors have upper-case codes too, `ERR_…`: not data errors.)
  return e !== null && typeof e === 'object' && (e.name === 'RemiseError' || typeof e.code === 'string') && typeof e.message === 'string' && !e.syscall && /^[A-Z_]+$/.test(e.code ?? '') && !/^ERR_/.test(e.code ?? '');
}

/**
 * `e` with a hint naming the command's option behind the JS API's paths it reports (`layouts.refund[1]`,
 * `resultFields[0]`): those two come only from `--layouts` and `--result-fields`.
 */
function optionHint(e) {
  if (e.hint !== undefined) return e;
  const fields = [e.field, ...(Array.isArray(e.issues) ? e.issues.map((i) => i?.field) : [])].filter((f) => typeof f === 'string');
  const hints = [];
  if (fields.some((f) => /^(?:options\.)?layouts\b/.test(f))) hints.push('layouts.METHOD[i] is name i (counted from 0) of the METHOD list in the --layouts file');
  if (fields.some((f) => /^resultFields\b/.test(f))) hints.push('resultFields[i] is name i (counted from 0) of --result-fields');
  if (hints.length) {
    try {
      e.hint = `hint: ${hints.join('; ')}`;
    } catch {
      // As it was.
    }
  }
  return e;
}

function describeError(prefix, e) {
  const lines = [`${prefix}: ${e.code}${e.field ? ` (${e.field})` : ''}: ${maskDigits(e.message)}`];
  for (const i of e.issues ?? []) lines.push(`  ${maskDigits(i.field)}  ${i.code}  ${maskDigits(i.message)}`);
  if (typeof e.hint === 'string') lines.push(e.hint);
  return lines.join('\n');
}

async function loadRemise(io) {
  return io.remise ?? (await import('../index.mjs'));
}

// ---- options shared by build and check

const COMMON = {
  syntax: { type: 'string' },
  'file-version': { type: 'string' },
  'remitter-id': { type: 'string' },
  sequence: { type: 'string' },
  date: { type: 'string' },
  time: { type: 'string' },
  'input-format': { type: 'string' },
  layouts: { type: 'string' },
  errors: { type: 'string' },
  'max-issues': { type: 'string', default: '20' },
  'no-progress': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

function positiveInt(name, text) {
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`--${name} must be a whole number, got '${text}'`);
  return Number(text);
}

/** The writer options: the validator checks every value (so its messages and field paths apply). */
function writerOptions(values, { needHeader }) {
  if (values.syntax !== undefined && values.syntax !== 'csv' && values.syntax !== 'xml') {
    throw new UsageError(`--syntax must be csv or xml, got '${values.syntax}'`);
  }
  if (needHeader) {
    if (values['remitter-id'] === undefined) throw new UsageError('--remitter-id is required (header.remitterId, 15 digits)');
    if (values.sequence === undefined) throw new UsageError("--sequence is required (header.sequence, the file's number)");
  }
  // Decimal digits only, in the validator's range, said as the option's rule: '1.5', '4e2', ' 42' and
  // 9999999999999999 reached the validator as text ("must be a non-negative whole number (a safe
  // integer; an amount is in minor units…), got a string": a helper's attack on the CLI, eighteenth pass).
  if (values.sequence !== undefined && !/^0*[1-9][0-9]{0,8}$/.test(values.sequence)) {
    throw new UsageError(`--sequence must be a whole number from 1 to 999999999 (decimal digits: the file's number for this remitter), got '${values.sequence}'`);
  }
  const header = {
    // check without a header: a well-formed stand-in (only the records are checked then).
    remitterId: values['remitter-id'] ?? '000000000000000',
    sequence: values.sequence === undefined ? 1 : Number(values.sequence),
  };
  // Default now, with the host's UTC offset, as batch.build does (filled here so that both converters get it).
  // Both or neither: one alone beside the host's clock made a header of two clocks, a given date with
  // the machine's time and offset (a helper's attack, twentieth pass).
  if ((values.date === undefined) !== (values.time === undefined)) {
    throw new UsageError(`--${values.date === undefined ? 'time' : 'date'} needs --${values.date === undefined ? 'date' : 'time'}: give both (or neither: both default to now, with the host's UTC offset)`);
  }
  const now = clock();
  header.date = values.date ?? now.date;
  header.time = values.time ?? now.time;
  if (!needHeader && header.date === undefined) header.date = '2000-01-01+0000';
  if (!needHeader && header.time === undefined) header.time = '00:00:00+0000';
  const options = { header };
  if (values.syntax !== undefined) options.syntax = values.syntax;
  if (values['file-version'] !== undefined) options.version = values['file-version'];
  if (values.layouts !== undefined) options.layouts = readLayouts(values.layouts);
  return options;
}

/** Bytes read of a --layouts file at most: 11 methods of 250 names fit in far less. */
const MAX_LAYOUTS = 1 << 20;

/**
 * The JSON object of a --layouts file (`{ "refund": ["merchantId", …] }`, the `layouts` option of the
 * JS API): read whole, checked by the library with the rest of the options (its messages and paths,
 * `layouts.refund[3]`).
 */
function readLayouts(path) {
  if (path === '' || path === '-') throw new UsageError(`--layouts '${path}': give a JSON file of the column layouts per method (README "Correcting a layout")`);
  let text;
  try {
    if (statSync(path).isDirectory()) throw new FileError(`--layouts ${path}: is a directory: give a JSON file of the column layouts per method`);
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(MAX_LAYOUTS + 1);
      let n = 0;
      for (let got; n < buf.length && (got = readNamed(fd, buf.subarray(n), path)) > 0; ) n += got;
      if (n > MAX_LAYOUTS) throw new FileError(`--layouts ${path}: larger than 1 MiB: not a file of column layouts`);
      text = buf.toString('utf8', 0, n).replace(/^\uFEFF/, '');
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw missingFile(e) ? new FileError(`--layouts ${path}: ${NO_SUCH_FILE}`) : fileError('--layouts', path, e);
  }
  let layouts;
  try {
    layouts = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--layouts ${path} is not JSON (${e.message}): give an object of column layouts per method, such as {"refund": ["merchantId", "transactionReference", …]} (README "Correcting a layout")`);
  }
  // (The library reads null as no layouts: a file written null by a step that failed was taken in silence,
  // the review of the thirtieth pass.)
  if (layouts === null) throw new UsageError(`--layouts ${path} holds null: give an object of column layouts per method, such as {"refund": ["merchantId", "transactionReference", …]}`);
  return layouts;
}

/**
 * --layouts naming stdin (`/dev/stdin`) while an input is '-': both would read it, the first one all of it
 * (the review of the thirtieth pass: the piped response was read as the layouts).
 */
function layoutsBesideStdin(values, inputs) {
  if (values.layouts === undefined || !inputs.includes('-')) return;
  const st = stdinStat();
  const lt = statOrNone(values.layouts);
  if (st && lt && st.dev === lt.dev && st.ino === lt.ino) throw new UsageError(`--layouts ${values.layouts} is stdin, which '-' reads too: give the layouts in a file`);
}

/** The host clock as `header.date` / `header.time` take it: '2026-11-29+0100', '22:30:00+0100'. */
function clock(d = new Date()) {
  const east = -d.getTimezoneOffset();
  const p2 = (n) => String(n).padStart(2, '0');
  const offset = `${east < 0 ? '-' : '+'}${p2(Math.floor(Math.abs(east) / 60))}${p2(Math.abs(east) % 60)}`;
  return {
    date: `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}${offset}`,
    time: `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}${offset}`,
  };
}

function inputFormat(values, input, firstChunk) {
  const f = values['input-format'];
  if (f !== undefined) {
    if (f !== 'ndjson' && f !== 'csv') throw new UsageError(`--input-format must be ndjson or csv, got '${f}'`);
    return f;
  }
  const ext = input === '-' ? '' : extname(input).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl' || ext === '.json') return 'ndjson';
  // Sniff: a record object starts with '{' (after a BOM or blank lines); undefined while the bytes
  // so far are only those (or the start of a BOM).
  let i = 0;
  const bom = [0xef, 0xbb, 0xbf];
  while (i < 3 && i < firstChunk.length && firstChunk[i] === bom[i]) i++;
  if (i < 3 && i === firstChunk.length && i > 0) return undefined;
  if (i < 3) i = 0;
  while (i < firstChunk.length && (firstChunk[i] === 0x20 || firstChunk[i] === 0x0a || firstChunk[i] === 0x0d || firstChunk[i] === 0x09)) i++;
  if (i === firstChunk.length) return undefined;
  return firstChunk[i] === 0x7b ? 'ndjson' : 'csv';
}

/** Progress on stderr: only on a terminal, at most 4 times a second, one line redrawn in place. */
function progress(io, enabled, total) {
  const tty = enabled && io.stderr.isTTY === true;
  const started = Date.now();
  let last = 0;
  let shown = false;
  const fmt = (n) => n.toLocaleString('en-US');
  return {
    update(records, bytes, force = false) {
      if (!tty) return;
      const now = Date.now();
      if (!force && now - last < 250) return;
      last = now;
      const seconds = Math.max((now - started) / 1000, 0.001);
      const mib = (b) => (b / 1048576).toFixed(1);
      let text =
        records === null
          ? `${mib(bytes)} MiB read, ${mib(bytes / seconds)} MiB/s`
          : `${fmt(records)} records, ${fmt(Math.round(records / seconds))}/s`;
      if (total > 0) {
        const share = Math.min(bytes / total, 1);
        const eta = share > 0 ? (seconds / share) * (1 - share) : 0;
        text += `, ${(share * 100).toFixed(0)}%, ETA ${eta < 60 ? `${eta.toFixed(0)}s` : `${Math.floor(eta / 60)}m${String(Math.round(eta % 60)).padStart(2, '0')}s`}`;
      }
      io.stderr.write(`\r\x1b[K${text}`);
      shown = true;
    },
    clear() {
      if (shown) io.stderr.write('\r\x1b[K');
    },
  };
}

/**
 * Reads INPUT through the converter. `sink(bytes)` receives the output (until the first invalid
 * record) and must consume it before it returns (the bytes may be a view that the next chunk
 * overwrites). Returns { records, rejected, error } (error: the converter's VALIDATION at finish).
 *
 * A file is read with `readSync` into one reused buffer and, with the package's converter, its
 * output is read in place (`pushView`): no buffer per chunk, so the resident set stays flat over
 * millions of records (bench/RESULTS.md "remise batch build"). Every SLICE bytes the loop yields
 * to the event loop so Ctrl-C and the progress line get through. stdin is read as a stream.
 */
async function convert(io, remise, input, values, options, sink, errors, source) {
  const maxIssues = positiveInt('max-issues', values['max-issues']);
  const total = input === '-' ? 0 : (await stat(input)).size;
  // No progress line when --errors goes to a terminal too (`--errors /dev/stderr`): the line, redrawn
  // with a carriage return, was glued to the front of the rejects (the attack on the CLI, twenty-third pass).
  const bar = progress(io, !values['no-progress'] && !(errors?.device && isatty(errors.fd)), total);
  const shownIssues = [];
  const counts = new Map();
  let rejected = 0;
  let records = 0;
  let bytesRead = 0;
  let engine = null;
  let valid = true;
  // Where a read's output is gathered (see `step`), grown as needed.
  let pool = Buffer.allocUnsafe(CHUNK);
  const takeRejects = () => {
    for (const r of engine.takeRejects()) {
      rejected += 1;
      valid = false;
      // A card number in the wrong column (CSV columns swapped) is quoted by its message: masked,
      // on stderr and in the --errors file, to its last four digits as remise masks wire texts.
      for (const i of r.issues) {
        i.field = maskDigits(i.field);
        i.message = maskDigits(i.message);
      }
      if (errors !== null && !errors.gone) writeRejects(errors, Buffer.from(JSON.stringify(r) + '\n'));
      for (const i of r.issues) {
        if (shownIssues.length < maxIssues) shownIssues.push({ line: r.line, ...i });
        let key = `${String(i.field).replace(/^records\[\d+\]\.?/, '') || '(record)'}\t${i.code}`;
        // A field named differently in each record (an unknown key `junk<n>`) would make one row
        // per record: past MAX_COUNT_ROWS rows, the rest are counted together.
        if (!counts.has(key) && counts.size >= MAX_COUNT_ROWS) key = `(other fields)\t${i.code}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  };
  // Blank lines and a byte order mark before the first record may come in chunks of their own (a
  // pipe): the format is told from the first byte after them, whatever chunks it takes.
  // `last`: the input ended, so what is kept is read with the format known so far.
  let pending = null;
  // The first bytes the converter was given (its CSV header row), for `separatorHint` and `inputHint`:
  // up to 64 KiB, over as many chunks as they come in (a first read of stdin may be 'FIL', or blank).
  let head = '';
  // What to do when the input is not records, said beside its issues: a file holding one JSON array
  // (what many exports write: every record of it is on one line, so the summary says how to make NDJSON
  // of it; fifteenth pass), an Office Batch file, a ZIP.
  // A byte order mark that starts a line after the first (two exports joined with cat): its line was
  // told "not a JSON record (…column 1)" with nothing to see in a terminal (a known gap of the
  // twenty-third pass). Looked for across chunk ends: the last three bytes of the previous chunk are kept.
  let bomInside = false;
  let tail = Buffer.alloc(0);
  const findBom = (bytes) => {
    if (bomInside || bytes.length === 0) return;
    bomInside = bytes.indexOf(LINE_BOM) !== -1 || Buffer.concat([tail, bytes.subarray(0, 3)]).indexOf(LINE_BOM) !== -1;
    tail = bytes.length >= 3 ? Buffer.from(bytes.subarray(bytes.length - 3)) : Buffer.concat([tail, bytes]).subarray(-3);
  };
  // `chosen`: the format read, when INPUT's extension chose it (not --input-format, not the first byte).
  let chosen = null;
  const hintOf = () => (/^\uFEFF?[ \t\r\n]*\[/.test(head) ? arrayHint(input) : inputHint(input, head, chosen));
  const step = (chunk, last = false) => {
    let bytes = chunk;
    if (engine === null) {
      if (pending !== null) bytes = Buffer.concat([pending, chunk]);
      const format = inputFormat(values, input, bytes);
      if (format === undefined && !last && bytes.length < MAX_BLANK_PREFIX) {
        pending = Buffer.from(bytes);
        return;
      }
      pending = null;
      if (values['input-format'] === undefined && input !== '-' && extname(input) !== '') chosen = format;
      engine = createEngine(remise.sogenactif, { ...options, input: format ?? 'csv' });
    }
    if (head.length < 1 << 16) head += bytes.toString('utf8', 0, Math.min(bytes.length, (1 << 16) - head.length));
    if (bytes.length === 0) return;
    bytesRead += bytes.length;
    findBom(bytes);
    // A slice at a time, the rejects drained after each: the core keeps 10 000 between two drains and
    // only counts the rest, and 64 KiB of short bad rows (Excel's empty rows `,,,,`) hold more (a
    // helper's attack, twenty-seventh pass: 28 167 of 30 000 listed). A record takes two bytes at least.
    // The slices' output is gathered and written once per read (a write per slice took 5–8 % more time).
    let gathered = 0;
    for (let at = 0; at === 0 || at < bytes.length; at += REJECT_SLICE) {
      const part = bytes.length <= REJECT_SLICE ? bytes : bytes.subarray(at, at + REJECT_SLICE);
      const out = engine.pushView ? engine.pushView(part) : engine.push(part);
      if (valid && out.length > 0) {
        if (pool.length < gathered + out.length) pool = Buffer.concat([pool.subarray(0, gathered)], Math.max(2 * pool.length, gathered + out.length));
        pool.set(out, gathered);
        gathered += out.length;
      }
      takeRejects();
    }
    if (gathered > 0) sink(pool.subarray(0, gathered));
    records = engine.count ?? null;
    bar.update(records, bytesRead);
  };
  let error = null;
  try {
    for await (const chunk of source) step(chunk);
    if (engine === null) step(Buffer.alloc(0), true);
    try {
      const out = engine.finishView ? engine.finishView() : engine.finish();
      takeRejects();
      if (valid) sink(out);
    } catch (e) {
      takeRejects();
      if (e?.code !== 'VALIDATION') throw e;
      error = hintOf() === undefined ? separatorHint(e, head) : e;
    }
    records = engine.count ?? null;
    // (The converter's own count, should a list ever come short of it.)
    if (Number.isSafeInteger(engine.rejected) && engine.rejected > rejected) rejected = engine.rejected;
    bar.update(records, bytesRead, true);
  } catch (e) {
    // The input refused as a whole (a CSV header row `[{…`): the hint goes with its message.
    const hint = hintOf();
    if (hint !== undefined && isRemiseLike(e)) e.hint = hint;
    throw isRemiseLike(e) && hint === undefined ? separatorHint(e, head) : e;
  } finally {
    bar.clear();
  }
  return { records, rejected, error, shownIssues, counts, hint: hintOf() ?? (bomInside && rejected > 0 ? bomHint(input) : undefined) };
}

/**
 * INPUT opened, as `{ chunks, close() }`: `chunks` yields its bytes (a chunk may be a view that the
 * next one overwrites), its first chunk already read, so that the temporary files are made once there
 * is something to write; `close()` lets go of it (also when it was not read to its end). A regular
 * file is read with `readSync` into one reused buffer, yielding to the event loop every SLICE bytes
 * (Ctrl-C, the progress line); stdin and any other file that is not a regular one (a FIFO, `<(cmd)`,
 * a device) as a stream. A FIFO read with `readSync` held the event loop until its writer closed it
 * (forever without one), so SIGINT and SIGTERM did nothing and `kill -9` left a temporary file of card
 * data (a helper's attack on the CLI, eighteenth pass): it is opened without waiting for a writer
 * (`O_NONBLOCK`) and read as a pipe, polled by the event loop (a read in the thread pool, as
 * `fs.createReadStream` does, held the process at its exit, after a signal too).
 */
async function openInput(io, input) {
  let it;
  if (input === '-') it = streamChunks(io.stdin);
  else if (statSync(input).isFIFO()) {
    const fd = openSync(input, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
    it = streamChunks(new Socket({ fd, readable: true, writable: false }));
  } else {
    const fd = openSync(input, 'r');
    let regular = true;
    try {
      const st = fstatSync(fd);
      // A directory is named (readSync's EISDIR named no file: the CLI attack of the twentieth pass).
      if (st.isDirectory()) throw isDirectoryError(input);
      regular = st.isFile();
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    // A terminal (`/dev/stdin` or `/dev/pts/N` typed into) is read as the event loop polls it, as a
    // FIFO: through `createReadStream` its read waited in the thread pool, and a signal ended nothing
    // until the terminal gave a line (a review of the pass).
    it = regular ? fileChunks(fd, input) : streamChunks(isatty(fd) ? new ReadStream(fd) : createReadStream(null, { fd, highWaterMark: CHUNK }));
  }
  // Started: from here on its `return()` closes the input.
  const first = await it.next();
  async function* chunks() {
    if (first.done) return;
    yield first.value;
    yield* it;
  }
  return { chunks: chunks(), close: () => it.return() };
}

/** The chunks of a stream as Buffers; the stream is destroyed when the reader stops early. */
async function* streamChunks(stream) {
  for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/** The chunks of a regular file: views of one reused buffer, the event loop let run every SLICE bytes. */
async function* fileChunks(fd, name) {
  // (A read error names the file, as `report`'s do: the review of the twenty-third pass.)
  const read = (buf) => readNamed(fd, buf, name);
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let sinceYield = 0;
    for (let n = read(buf); n > 0; n = read(buf)) {
      yield buf.subarray(0, n);
      sinceYield += n;
      if (sinceYield >= SLICE) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A CSV whose columns are separated by ';' or tabs (what a French Excel exports) read as one column:
 * "the CSV header row (line 1) must name the columns of the records, 'method' among them" though
 * the header named it (a helper's attack on the CLI, eighteenth pass). When the header line holds
 * ';' or a tab and no ',', the message says so. `head`: the first bytes read, as text.
 */
function separatorHint(e, head) {
  const rule = /the CSV header row \(line (\d+)\) must name the columns of the records, 'method' among them/;
  const m = rule.exec(String(e?.message));
  if (!m) return e;
  const line = head.replace(/^\uFEFF/, '').split('\n')[Number(m[1]) - 1];
  if (line === undefined || line.includes(',')) return e;
  const by = line.includes(';') ? "';'" : line.includes('\t') ? 'tabs' : null;
  if (by === null) return e;
  const hint = `: the columns are separated by ${by}: remise reads comma-separated CSV; export with ',' or convert`;
  const add = (text) => String(text).replace(rule, (found) => found + hint);
  try {
    e.message = add(e.message);
    for (const i of e.issues ?? []) if (typeof i?.message === 'string') i.message = add(i.message);
  } catch {
    // A message that cannot be changed: as it was.
  }
  return e;
}

/** What to do with an input that starts with `[` (one JSON array, what many exports write). */
function arrayHint(input) {
  return `hint: ${input === '-' ? 'stdin' : input} starts with '[', a JSON array: remise batch reads one record object per line (NDJSON); convert it first, e.g. jq -c '.[]' records.json > records.ndjson`;
}

/**
 * What to do with an input that is an Office Batch file or a ZIP rather than records (a helper's attack,
 * twenty-first pass: a request file checked before its upload was told that its columns are separated by
 * ';', a ZIP that it had an empty column name). `head`: the first bytes read, as text.
 */
function inputHint(input, head, chosen = null) {
  const name = input === '-' ? 'stdin' : input;
  const arg = shellArg(input);
  // After a byte order mark and blank lines, as the format is sniffed; CSV's FILE line or XML's root.
  const text = head.replace(/^\uFEFF?[ \t\r\n]*/, '');
  const kind = (/^FILE;(request|response);/.exec(text) ?? /^<\?xml[^>]*\?>[ \t\r\n]*<file[ \t\r\n][^>]*type="(request|response)"/.exec(text))?.[1];
  const records = 'build and check read records (NDJSON, or CSV with a header row of field names), not a file remise or the bank wrote';
  if (kind === 'request') return `hint: ${name} is an Office Batch request file: ${records} (one that build wrote was checked as it was built)`;
  if (kind === 'response') return `hint: ${name} is an Office Batch response file: read it with remise batch report ${arg}`;
  if (text.startsWith('PK\u0003\u0004')) return `hint: ${name} is a ZIP archive (what build --zip writes): ${records}`;
  // Encodings and line ends the readers do not take, named (they were told "no record" or "an empty,
  // repeated or non-UTF-8 column name": the attack on the CLI, twenty-third pass). UTF-16 shows as NUL
  // bytes between the characters (its byte order mark as two U+FFFD).
  // (A NUL every other byte, not one stray NUL: a UTF-8 file with one was told to be converted, the
  // review of the pass; a CR with text after it, not one that ends the file.)
  const start = head.slice(0, 256);
  // (An empty input has no NUL either: it was told to be UTF-16, `0 >= 0`; the attack on the CLI,
  // twenty-fifth pass.)
  if (/^\uFFFD\uFFFD/.test(head) || (start.length > 0 && start.split('\u0000').length - 1 >= start.length / 4)) return `hint: ${name} looks like UTF-16 text: save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8 ${arg} > records.utf8`;
  if (/\r(?!\n)[^\r\n]*\S/.test(text) && !text.includes('\n')) return `hint: the lines of ${name} end with a carriage return alone (\\r, as old Mac exports write them): make them \\n, e.g. ${input === '-' ? `pipe it through tr '\\r' '\\n'` : `tr '\\r' '\\n' < ${arg} > records.unix`}`;
  // A name whose extension says the other format (NDJSON saved as .csv was told only that its header row
  // must name 'method', CSV saved as .json "not a JSON record" on each line: a helper's attack on the CLI,
  // twenty-ninth pass). `chosen`: the format INPUT's extension chose.
  const ext = extname(input);
  if (chosen === 'csv' && text.startsWith('{')) return `hint: ${name} holds JSON records (it starts with '{') though its name ends in ${ext}: give --input-format ndjson`;
  if (chosen === 'ndjson' && text !== '' && !text.startsWith('{')) return `hint: ${name} does not start with '{' as a JSON record does though its name ends in ${ext}: if it is CSV with a header row, give --input-format csv`;
  return undefined;
}

/** A line break, then a UTF-8 byte order mark. */
const LINE_BOM = Buffer.from([0x0a, 0xef, 0xbb, 0xbf]);

/**
 * `path` as one word of a POSIX shell command, for the commands hints print to be pasted: quoted when it
 * holds anything but letters, digits and `_./,+:@%=-` (a name with a space split in two: a helper's
 * attack on the CLI, twenty-ninth pass). Stdin (`-`) stays `-`.
 */
function shellArg(path) {
  return /^[A-Za-z0-9_./,+:@%=-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}

/** What to do when a line inside the input starts with a byte order mark. */
function bomHint(input) {
  const name = input === '-' ? 'stdin' : input;
  // (perl, not sed: `\x` escapes in a sed pattern are GNU's; the path quoted for the shell.)
  const file = input === '-' ? 'records.ndjson' : shellArg(input);
  return `hint: a line inside ${name} starts with a byte order mark (U+FEFF, bytes EF BB BF: files joined with cat?), which a terminal does not show: remove it, e.g. perl -pe 's/^\\xEF\\xBB\\xBF//' ${file} > records.clean`;
}

/** Writes all of `bytes` at the file position of `fd`. */
function writeAll(fd, bytes) {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Rows of the per-field-and-code counts before the rest are counted as `(other fields)`. */
const MAX_COUNT_ROWS = 200;

/** The stderr summary of invalid records: the first N issues, then the counts per field and code. */
function issueSummary(prefix, input, result, writes) {
  const { rejected, records, shownIssues, counts, error } = result;
  const lines = [];
  const { hint } = result;
  if (rejected === 0) {
    // No record-level reject: the input as a whole was refused (e.g. no record at all).
    lines.push(describeError(prefix, error));
    if (hint) lines.push(hint);
    return lines.join('\n');
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  lines.push(`${prefix}: VALIDATION: ${rejected}${records === null ? '' : ` of ${records}`} records in ${input === '-' ? 'stdin' : input} are invalid (${total} issue${total === 1 ? '' : 's'})${writes ? '; nothing was written' : ''}`);
  for (const i of shownIssues) lines.push(`  line ${i.line ?? '?'}: ${i.field}  ${i.code}  ${i.message}`);
  if (total > shownIssues.length) lines.push(`  … ${total - shownIssues.length} more`);
  lines.push('issues per field and code:');
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // (A loop, not Math.max(...rows): a spread of 150 000 rows overflowed the stack.)
  let width = 0;
  let codeWidth = 0;
  for (const [k] of rows) {
    const [field, code] = k.split('\t');
    width = Math.max(width, field.length);
    codeWidth = Math.max(codeWidth, code.length);
  }
  for (const [key, n] of rows) {
    const [field, code] = key.split('\t');
    lines.push(`  ${field.padEnd(width)}  ${code.padEnd(codeWidth)}  ${n}`);
  }
  if (hint) lines.push(hint);
  return lines.join('\n');
}

function oneInput(positionals, what) {
  if (positionals.length === 0) throw new UsageError(`give the ${what} ('-' reads stdin)`);
  if (positionals.length > 1) throw new UsageError(`give one ${what}, got ${positionals.length}: ${positionals.join(' ')}`);
  return positionals[0];
}

// ---- build

async function build(argv, io) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...COMMON, output: { type: 'string', short: 'o' }, zip: { type: 'boolean', default: false }, entry: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return printHelp(io, USAGE.build, 'build');
  const input = oneInput(positionals, 'INPUT file of records');
  if (values.output === undefined) throw new UsageError('-o OUTPUT is required');
  const output = values.output;
  layoutsBesideStdin(values, [input]);
  const options = writerOptions(values, { needHeader: true });
  let entry = null;
  if (values.zip) {
    // A ZIP written into a `.csv` or `.xml` file, the other syntax's check's mirror (a new user's walk,
    // twenty-first pass).
    const ext = extname(output).toLowerCase();
    if (ext === '.csv' || ext === '.xml') throw new UsageError(`-o '${output}' ends in ${ext} but --zip writes a ZIP archive: name it ${output}.zip`);
    entry = entryName(values, output, options.syntax ?? 'csv');
    if (!ENTRY_NAME.test(entry)) {
      // The name taken from OUTPUT when no --entry was given: said so, with how to give another (the
      // message named --entry, not given: a helper's attack, twentieth pass).
      const named = values.entry !== undefined ? `--entry '${entry}'` : `the archive's entry name '${entry}' (OUTPUT's name without .zip; give --entry to name it otherwise)`;
      throw new UsageError(`${named}: must start with 'OFBREQ' and hold only letters, digits, '.', '_' and '-' (at most 100 characters)`);
    }
  } else if (values.entry !== undefined) throw new UsageError('--entry needs --zip');
  else refuseMismatch('-o', output, values, options.syntax ?? 'csv');
  const target = outputFile(output);
  refuseSameFile([['INPUT', input], ...given('--layouts', values.layouts)], [['-o', target.path], ...given('--errors', values.errors)]);
  commandLineChecks(values, input);
  const errors = openErrors(values);
  try {
    return await buildTo(io, values, input, output, target, options, entry, errors);
  } finally {
    if (errors?.fd !== undefined && errors.fd > 2) closeSync(errors.fd);
  }
}

/**
 * Refuses a file name (`--entry`, or OUTPUT without --zip) whose ending contradicts the file, as
 * `archive` refuses its name (stored-zip.mjs `nameMismatch`): the other syntax's extension (an XML file
 * named `.csv`), or `.zip` (OUTPUT without --zip is no archive; an entry is the file inside one).
 */
function refuseMismatch(flag, name, values, syntax) {
  const m = nameMismatch(name, syntax);
  if (m === null) return;
  if (m.tail === '.zip') {
    throw new UsageError(flag === '-o'
      ? `-o '${name}' ends in .zip but the file is not an archive: give --zip to write one, or name it otherwise`
      : `--entry '${name}' ends in .zip: the entry is the request file inside the archive; name it ${m.named} (OUTPUT is the archive's own name)`);
  }
  throw new UsageError(`${flag} '${name}' ends in ${m.tail} but the file is ${syntax.toUpperCase()} (--syntax ${syntax}${values.syntax === undefined ? ', the default' : ''}): name it ${m.named}, or give --syntax ${m.tail.slice(1)}`);
}

/**
 * The archive's entry: --entry, else OUTPUT's name without `.zip` when it starts with OFBREQ, else
 * OFBREQ.csv / OFBREQ.xml. Its extension is the syntax's: `-o OFBREQ_1.csv.zip --zip --syntax xml`
 * named an entry of XML `OFBREQ_1.csv`, `-o OFBREQ_1.zip` one without an extension, and `--entry
 * OFBREQ.xml` of CSV was taken (a helper's attack on the CLI, eighteenth pass). A default name gets
 * the syntax's extension (in place of the other one); a given one that says the other syntax is
 * refused.
 */
function entryName(values, output, syntax) {
  const ext = `.${syntax}`;
  const other = syntax === 'xml' ? '.csv' : '.xml';
  if (values.entry !== undefined) {
    refuseMismatch('--entry', values.entry, values, syntax);
    return values.entry;
  }
  const fromOutput = basename(output).replace(/\.zip$/i, '');
  if (!fromOutput.startsWith('OFBREQ')) return `OFBREQ${ext}`;
  const has = extname(fromOutput).toLowerCase();
  if (has === ext) return fromOutput;
  return (has === other ? fromOutput.slice(0, -other.length) : fromOutput) + ext;
}

async function buildTo(io, values, input, output, target, options, entry, errorsPlan) {
  const remise = await loadRemise(io);
  // Header problems first, before reading anything (same messages as BatchWriter).
  new remise.sogenactif.BatchWriter(options);

  const started = Date.now();
  // INPUT open and its first bytes read before any temporary file is made: a FIFO without a writer
  // left one (and, once written, card data) for as long as it waited (eighteenth pass).
  const source = await openInput(io, input);
  let file = null;
  let errors = null;
  let size = 0;
  let crc = 0;
  let result;
  try {
    try {
      file = replacement(io, target, `-o ${output}`);
    } catch (e) {
      throw replacementError(e, target, `-o ${output}`);
    }
    errors = errorsFile(io, errorsPlan, values.errors);
    const out = file.fd;
    const tempName = file.name;
    if (entry) writeTo(out, Buffer.alloc(30 + entry.length), tempName); // the local header, written at the end
    result = await convert(io, remise, input, values, options, (bytes) => {
      if (bytes.length === 0) return;
      size += bytes.length;
      if (entry) {
        if (size > MAX_DATA) throw new FileError('the request file reached 4 GiB, beyond a ZIP archive without ZIP64: split the records over several files');
        crc = crc32(bytes, crc);
      }
      writeTo(out, bytes, tempName);
    }, errors, source.chunks);
    await errors?.commit();
    if (result.error) {
      io.stderr.write(terminalSafe(issueSummary('remise batch build', input, result, true)) + '\n');
      return 1;
    }
    try {
      if (entry) {
        writeAll(out, trailer(entry, crc, size));
        // The ZIP's real local header at offset 0.
        const head = localHeader(entry, crc, size);
        for (let done = 0; done < head.length; ) done += writeSync(out, head, done, head.length - done, done);
      }
    } catch (e) {
      throw new FileError(`${tempName}: ${e?.message ?? e}`);
    }
    await file.commit();
  } finally {
    errors?.abandon();
    file?.abandon();
    await source.close();
  }
  const seconds = (Date.now() - started) / 1000;
  const count = result.records === null ? '' : `${result.records} record${result.records === 1 ? '' : 's'}, `;
  const what = entry ? `ZIP with entry ${entry}: ${count}${size} bytes of request file` : `${count}${size} bytes`;
  io.stderr.write(terminalSafe(`remise batch build: wrote ${output} (${what}) in ${seconds.toFixed(1)} s`) + '\n');
  return 0;
}

// ---- check

async function check(argv, io) {
  const { values, positionals } = parseArgs({ args: argv, options: COMMON, allowPositionals: true, strict: true });
  if (values.help) return printHelp(io, USAGE.check, 'check');
  const input = oneInput(positionals, 'INPUT file of records');
  if (values.errors !== undefined) refuseSameFile([['INPUT', input], ...given('--layouts', values.layouts)], [['--errors', values.errors]]);
  layoutsBesideStdin(values, [input]);
  const options = writerOptions(values, { needHeader: false });
  commandLineChecks(values, input);
  const errors = openErrors(values);
  try {
    return await checkWith(io, values, input, options, errors);
  } finally {
    if (errors?.fd !== undefined && errors.fd > 2) closeSync(errors.fd);
  }
}

async function checkWith(io, values, input, options, errorsPlan) {
  const remise = await loadRemise(io);
  new remise.sogenactif.BatchWriter(options);
  const source = await openInput(io, input);
  let errors = null;
  let result;
  try {
    errors = errorsFile(io, errorsPlan, values.errors);
    result = await convert(io, remise, input, values, options, () => {}, errors, source.chunks);
    await errors?.commit();
  } finally {
    errors?.abandon();
    await source.close();
  }
  if (result.error) {
    io.stderr.write(terminalSafe(issueSummary('remise batch check', input, result, false)) + '\n');
    return 1;
  }
  // ("1 record, valid", not "1 records, all valid".)
  const verdict = result.records === null ? 'every record is valid' : result.records === 1 ? '1 record, valid' : `${result.records} records, all valid`;
  // (The name through terminalSafe as on the failure path: a file name comes from whoever sent the
  // file; a helper's attack on the CLI, twenty-ninth pass, saw its escape sequences reach stdout.)
  printResult(io, terminalSafe(`${input === '-' ? 'stdin' : input}: ${verdict}`) + '\n');
  return 0;
}

// ---- report

/**
 * Feeds `summary.request(recordSequence, line, record?)` from REQUEST: a CSV request file
 * (FILE;request;…: line numbers only, no field names to give) or the NDJSON / CSV records it was
 * built from (line and record). Streams, like the response.
 */
/** The first characters of a file's first chunk (a byte order mark left out), to tell what it is. */
const startOf = (chunk) => chunk.toString('utf8', 0, Math.min(chunk.length, 64)).replace(/^\uFEFF/, '');
const REQUEST_FILE = 'FILE;request;';

async function mayBeRequestFile(io, path) {
  let regular = false;
  try {
    regular = path !== '-' && statSync(path).isFile();
  } catch {
    // Gone since `requestReadable` looked: readRequest says so.
  }
  if (!regular) return true;
  const source = chunks(io, path, (m) => new FileError(`--request ${path}: ${m}`));
  try {
    const first = await source.next();
    return !first.done && startOf(first.value).startsWith(REQUEST_FILE);
  } finally {
    await source.return();
  }
}

async function readRequest(io, remise, path, summary) {
  const zipError = (m) => new FileError(`--request ${path}: ${m}`);
  const source = chunks(io, path, zipError);
  const first = await source.next();
  let head = first.done ? Buffer.alloc(0) : first.value;
  // Blank lines (and a BOM) in reads of their own before the first record: read on to the first
  // byte that tells the format, as build and check do (an NDJSON request after 70 blank lines, or
  // given on stdin after a pause, was read as CSV and the join failed).
  let ended = first.done;
  while (!ended && inputFormat({}, '-', head) === undefined && head.length < MAX_BLANK_PREFIX) {
    const next = await source.next();
    if (next.done) ended = true;
    else head = Buffer.concat([head, next.value]);
  }
  const start = startOf(head);
  // Lines that hold no record with a recordSequence: left out of the join, and said so (they were
  // dropped without a word, so a file that was not the request gave an empty join and exit 0).
  const skipped = { count: 0, lines: [] };
  const skip = (line) => {
    skipped.count += 1;
    if (skipped.lines.length < 10) skipped.lines.push(line);
  };
  async function* all() {
    if (head.length > 0) yield head;
    if (!ended) yield* source;
  }
  if (start.trimStart().startsWith('<')) {
    throw new UsageError('--request: XML request files are not read; give the CSV request file or the NDJSON / CSV records it was built from');
  }
  // A response file (the other one given twice, or the two swapped) was told its CSV header must name a
  // `method` column (ARCHITECTURE.md "Known gaps", twentieth pass).
  if (start.replace(/^[ \t\r\n]*/, '').startsWith('FILE;response;')) {
    throw new UsageError(`--request ${path === '-' ? 'stdin' : path} is an Office Batch response file (it starts with FILE;response;): give the request file it answers (FILE;request;…) or the NDJSON / CSV records it was built from`);
  }
  if (start.startsWith(REQUEST_FILE)) {
    for await (const [n, raw] of lines(all(), (n) => new FileError(`--request ${path}: line ${n} is longer than ${MAX_LINE} bytes: not an Office Batch request file`))) {
      if (n === 2 && raw.startsWith('HEADER;')) {
        // HEADER;remitterId;date;time;sequence: the response echoes its remitter and sequence.
        const [, remitterId, , , sequence] = raw.replace(/\r$/, '').split(';');
        skipped.header = { remitterId, sequence: /^[0-9]+$/.test(sequence ?? '') ? String(Number(sequence)) : sequence };
      }
      if (n <= 2 || raw.startsWith('END;') || raw === '' || raw === '\r') continue;
      const [, seq] = raw.split(';', 2);
      if (/^[0-9]+$/.test(seq ?? '')) summary.request(Number(seq), n, undefined, raw.replace(/\r$/, ''));
      else skip(n);
    }
    return skipped;
  }
  // The extension first (`.csv`; `.ndjson`, `.jsonl`, `.json`), else the first byte: as INPUT.
  const input = inputFormat({}, path, head) ?? 'csv';
  const reader = new JsConverter(remise.sogenactif, { input }, {
    onRecord(record, line) {
      if (record && typeof record === 'object' && Number.isSafeInteger(record.recordSequence)) summary.request(record.recordSequence, line, record);
      else skip(line);
    },
  });
  const rejects = () => {
    for (const r of reader.takeRejects()) skip(r.line);
  };
  for await (const chunk of all()) {
    reader.push(chunk);
    rejects();
  }
  reader.finish();
  rejects();
  return skipped;
}

/**
 * The field of each column of a request line, per method keyword, from the library's own response
 * layouts: a response line echoes its request line, so `batch.parseResponse` of a line whose columns
 * hold distinct numbers names each column by the field it reads there (it does not check echoed
 * values). The line takes as many columns as the layout has; the first count it parses is the one.
 * Once per method, on the first differing column of a CSV request file. Null when the method is
 * unknown.
 */
function requestColumns(sogenactif, layout) {
  const known = new Map();
  const head = 'FILE;response;office;v19\nHEADER;023101122334455;2021-12-16+0100;14:26:45+0100;1\n';
  return (keyword) => {
    if (!/^[A-Z]{1,40}$/.test(keyword ?? '')) return null;
    if (known.has(keyword)) return known.get(keyword);
    let fields = null;
    for (let n = 0; n <= 200 && fields === null; n++) {
      const marks = Array.from({ length: n }, (_, i) => String(900000 + i + 2));
      let record;
      try {
        record = sogenactif.batch.parseResponse(`${head}${[keyword, '1', ...marks, '00', ''].join(';')}\nEND;1\n`, layout).records[0];
      } catch {
        continue;
      }
      fields = ['method', 'recordSequence'];
      // Nested fields by their own name (`s10TransactionId`): the secret ones are names of their own.
      const walk = (o) => {
        for (const [k, v] of Object.entries(o)) {
          if (v !== null && typeof v === 'object') walk(v);
          else if (/^90\d{4}$/.test(String(v))) fields[Number(v) - 900000] = k;
        }
      };
      walk(record);
    }
    known.set(keyword, fields);
    return fields;
  };
}

/**
 * --request checked before RESPONSE is read: a missing, unreadable or directory REQUEST was found only
 * once the whole response was parsed, and its error did not name --request (a helper's attack on the
 * CLI, eighteenth pass).
 */
function requestReadable(path) {
  if (path === '-') return;
  if (path === '') throw new UsageError("--request '': give the request file or the records it was built from ('-' reads stdin)");
  try {
    if (statSync(path).isDirectory()) throw new FileError(`--request ${path}: is a directory: give the request file or the records it was built from`);
    accessSync(path, fsConstants.R_OK);
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw missingFile(e) ? new FileError(`--request ${path}: ${NO_SUCH_FILE}`) : fileError('--request', path, e);
  }
}

/** An error met reading --request, said to be about it. */
function aboutRequest(e, path) {
  if (e instanceof UsageError || String(e?.message).startsWith('--request')) return e;
  const name = path === '-' ? 'stdin' : path;
  if (e instanceof FileError || e?.syscall) return new FileError(`--request ${name}: ${missingFile(e) ? NO_SUCH_FILE : e.message}`);
  if (isRemiseLike(e)) {
    try {
      e.message = `--request ${name}: ${e.message}`;
    } catch {
      // As it was.
    }
  }
  return e;
}

async function report(argv, io) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      request: { type: 'string' },
      json: { type: 'boolean', default: false },
      html: { type: 'string' },
      'max-rejections': { type: 'string', default: '20' },
      'unknown-lines': { type: 'string', default: 'error' },
      layouts: { type: 'string' },
      'result-fields': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return printHelp(io, USAGE.report, 'report');
  const path = oneInput(positionals, 'RESPONSE file');
  const maxRejections = positiveInt('max-rejections', values['max-rejections']);
  const unknownLines = values['unknown-lines'];
  if (unknownLines !== 'error' && unknownLines !== 'report') throw new UsageError(`--unknown-lines must be error or report, got '${unknownLines}'`);
  // The bank's layout, as parseResponse takes it (its own checks and messages: `layouts.refund[3]`).
  const layout = {};
  layoutsBesideStdin(values, [path, values.request]);
  if (values.layouts !== undefined) layout.layouts = readLayouts(values.layouts);
  if (values['result-fields'] !== undefined) layout.resultFields = values['result-fields'].split(',').map((f) => f.trim());
  if (path === '-' && values.request === '-') throw new UsageError('RESPONSE and --request cannot both be stdin');
  if (values.request !== undefined) requestReadable(values.request);
  if (values.html !== undefined) {
    refuseSameFile([['RESPONSE', path], ...given('--request', values.request), ...given('--layouts', values.layouts)], [['--html', values.html]]);
    // Checked before the response is read (a missing directory was found after minutes of it).
    htmlTarget(values.html);
  }
  const remise = await loadRemise(io);
  // Checked before RESPONSE is read: an empty file parsed with them.
  if (Object.keys(layout).length) remise.sogenactif.batch.parseResponse('FILE;response;office;v19\nHEADER;000000000000000;2000-01-01+0000;00:00:00+0000;1\nEND;0\n', layout);
  const summary = createSummary(remise.money, requestColumns(remise.sogenactif, layout), { join: values.request !== undefined });
  // Response lines are kept only for the join with a CSV request file (FILE;request…), whose lines
  // name no field: a request given as records is joined by field names. Only a regular file is
  // looked at first; stdin, a pipe or a FIFO can be read once, so their lines are kept.
  const keepLines = values.request !== undefined && (await mayBeRequestFile(io, values.request));
  const withText = keepLines ? (r, text) => summary.add(r, text) : (r) => summary.add(r);
  const onUnknown = unknownLines === 'report' ? (u) => summary.unknownLine(u) : undefined;
  const header = await readResponse(remise.sogenactif, chunks(io, path, (m) => new FileError(`RESPONSE ${path}: ${m}`)), withText, { onUnknown, ...layout });
  const skipped = values.request === undefined ? null : await readRequest(io, remise, values.request, summary).catch((e) => {
    throw aboutRequest(e, values.request);
  });
  const result = summary.finish(header, {
    file: path === '-' ? null : basename(path),
    request: values.request === undefined ? undefined : values.request === '-' ? 'stdin' : basename(values.request),
    requestHeader: skipped?.header,
  });
  if (skipped) {
    result.join.unreadable = skipped.count;
    if (skipped.count > 0) {
      const more = skipped.count > skipped.lines.length ? ', …' : '';
      io.stderr.write(terminalSafe(`remise batch report: ${skipped.count} line${skipped.count === 1 ? '' : 's'} of --request ${values.request} hold no record with a recordSequence (line ${skipped.lines.sort((a, b) => a - b).join(', ')}${more}): left out of the join`) + '\n');
    }
  }
  result.problems = problems(result);
  if (values.html !== undefined) await writeHtml(io, values.html, htmlPieces(result));
  // The page sent to stdout (`--html /dev/stdout`, to a file, a pipe or a terminal) is all that goes
  // there: the text report after it made the page end in plain lines (the review of the twenty-first
  // pass, once the page was written through stdout's own file).
  if (values.html !== undefined && isStdout(values.html)) return result.problems.length ? 1 : 0;
  if (values.json) {
    for (const piece of jsonPieces(result)) printResult(io, jsonSafe(piece));
    printResult(io, '\n');
  } else printResult(io, renderText(result, { maxRejections }));
  // Read, but not the trustworthy answer to one request file: exit 1, as for a malformed file.
  return result.problems.length ? 1 : 0;
}
