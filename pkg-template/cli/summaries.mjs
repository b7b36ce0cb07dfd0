// Each subcommand's one-line summary, for `remise --help`, which prints them without loading the
// subcommands (the batch command and the simulator took 80–100 ms to import for two lines of text).
export const SUMMARIES = {
  sim: 'serve the offline Systempay / Payline / Sogenactif simulator on 127.0.0.1',
  batch: 'build, check and report on Sogenactif Office Batch files',
};
