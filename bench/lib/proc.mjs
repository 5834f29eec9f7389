// Running things for the bench: builds (timed, with the peak memory of the whole process tree
// and a timestamped log) and background servers that are always cleaned up.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const PAGE_KB = 4; // /proc/<pid>/statm counts pages; Linux x86-64 pages are 4 KiB.
const GNU_TIME = '/usr/bin/time';

/** Pid → parent pid for every process, from /proc/<pid>/stat. */
function parentsByPid() {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name, which is in parentheses and may hold spaces.
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(after[1]));
    } catch {
      // The process ended between readdir and read.
    }
  }
  return parents;
}

/** Resident KiB of a process and all its descendants, right now. */
export function treeRssKb(rootPid) {
  const parents = parentsByPid();
  const children = new Map();
  for (const [pid, ppid] of parents) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop();
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_KB;
    } catch {
      // Gone already.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Parses GNU time's -v report into the two figures we use. */
function parseGnuTime(text) {
  const maxRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  const user = /User time \(seconds\): ([\d.]+)/.exec(text);
  const system = /System time \(seconds\): ([\d.]+)/.exec(text);
  return {
    maxProcessRssKb: maxRss ? Number(maxRss[1]) : undefined,
    cpuSeconds: user && system ? Number(user[1]) + Number(system[1]) : undefined,
  };
}

/**
 * Runs a command to completion and measures it: wall time (from spawn to exit), the peak of
 * the summed RSS of its whole process tree (sampled every 100 ms from /proc, since a build
 * is astro's node process plus children such as the pagefind binary), the largest single
 * process's peak RSS and CPU seconds from GNU time -v when /usr/bin/time exists (its figure
 * is per process: RUSAGE_CHILDREN reports the largest descendant, not the sum), and every
 * output line with the milliseconds since start at which it arrived. A failing command
 * throws with the tail of its output.
 */
export async function runMeasured({ label, command, args, cwd, env, nice = 0, logFile }) {
  const useTime = existsSync(GNU_TIME);
  const timeFile = logFile ? `${logFile}.time` : undefined;
  let argv = [command, ...args];
  if (useTime && timeFile) argv = [GNU_TIME, '-v', '-o', timeFile, ...argv];
  if (nice > 0) argv = ['nice', '-n', String(nice), ...argv];

  const started = performance.now();
  const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const collect = (stream) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const at = performance.now() - started;
      const parts = (rest + chunk).split('\n');
      rest = parts.pop();
      for (const text of parts) lines.push({ at, text });
    });
    stream.on('end', () => {
      if (rest) lines.push({ at: performance.now() - started, text: rest });
    });
  };
  collect(child.stdout);
  collect(child.stderr);

  let peakTreeKb = 0;
  const sample = () => {
    if (child.pid) peakTreeKb = Math.max(peakTreeKb, treeRssKb(child.pid));
  };
  const sampler = setInterval(sample, 100);
  const exit = await new Promise((resolve) => {
    child.on('error', (error) => resolve({ code: -1, signal: null, error }));
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  clearInterval(sampler);
  const wallMs = performance.now() - started;

  const logText = lines.map((l) => `${(l.at / 1000).toFixed(3).padStart(8)}s ${l.text}`).join('\n');
  if (logFile) {
    mkdirSync(path.dirname(logFile), { recursive: true });
    writeFileSync(logFile, `${argv.join(' ')}\n${logText}\n`);
  }
  if (exit.code !== 0) {
    const tail = lines.slice(-40).map((l) => `    ${l.text}`).join('\n');
    throw new Error(
      `${label} failed (${exit.error ? exit.error.message : exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`}).` +
        `\n  command: ${argv.join(' ')}\n  in: ${cwd}\n  last lines of its output:\n${tail}` +
        (logFile ? `\n  full log: ${path.relative(process.cwd(), logFile)}` : ''),
    );
  }
  const timeReport = useTime && timeFile && existsSync(timeFile) ? parseGnuTime(readFileSync(timeFile, 'utf8')) : {};
  return { wallMs, peakTreeRssKb: peakTreeKb, ...timeReport, lines };
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const running = new Set();

/** Ends every background process this bench started (servers), by their own pids. */
export function stopAll() {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
  running.clear();
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}
process.on('exit', stopAll);

/**
 * Starts scripts/serve-static.mjs for a built folder and resolves once it answers.
 * Returns { url, stop }.
 */
export async function serveStatic({ repoRoot, dir, base = '/' }) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'serve-static.mjs'), dir, String(port), base], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}${base}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`static server for ${dir} exited: ${output.trim()}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      break;
    } catch {
      if (attempt > 100) throw new Error(`static server for ${dir} did not answer at ${url}: ${output.trim()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      running.delete(child);
    },
  };
}
