#!/usr/bin/env node
// Runs a command while every core is kept busy, to show that no test depends on timing luck.
//
//   node tools/busy.mjs [--workers N] <command> [args...]     e.g. node tools/busy.mjs npm test
//   npm run test:busy                                          (= node tools/busy.mjs npm test)
//
// Starts N CPU-burning child processes (default: one per core, or BUSY_WORKERS), each a
// plain `node -e` spin loop at normal priority, so the command under test competes with
// them for every core. Prints the load average every 30 s, stops the burners when the
// command ends (or on Ctrl-C) and exits with the command's exit code.
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';

const argv = process.argv.slice(2);
let workers = Number(process.env.BUSY_WORKERS) || availableParallelism();
if (argv[0] === '--workers') {
  workers = Number(argv[1]);
  argv.splice(0, 2);
}
if (argv.length === 0 || !(workers >= 0)) {
  console.error('usage: node tools/busy.mjs [--workers N] <command> [args...]');
  process.exit(2);
}

// Each burner spins on arithmetic for ever; it is killed when the command ends.
const spin = 'let x = 0; for (;;) { x = (x * 1103515245 + 12345) % 2147483648; }';
const burners = Array.from({ length: workers }, () => spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }));
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
console.log(`busy: ${workers} burner(s) running; load average ${load()}`);
const sampler = setInterval(() => console.log(`busy: load average ${load()}`), 30_000);

const stop = () => {
  clearInterval(sampler);
  for (const b of burners) b.kill('SIGKILL');
};
const started = Date.now();
const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => child.kill(sig));
}
child.on('error', (err) => {
  console.error(`busy: cannot start ${argv[0]}: ${err.message}`);
  stop();
  process.exit(127);
});
child.on('exit', (code, signal) => {
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`busy: command ended after ${secs} s (${signal ?? `exit ${code}`}); load average ${load()}`);
  stop();
  process.exit(code ?? 1);
});
