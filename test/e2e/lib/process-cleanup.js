// Stopping everything an e2e process started when it is told to stop (a CI timeout's SIGTERM, a
// terminal's Ctrl-C) or when its parent goes away: the detached process groups it tracks
// (code-server, the index server) are killed, its other children are asked to stop (the
// stand-in `code` cleans up after itself the same way), and the run's temp folder is removed.
// Chromium needs nothing here: playwright kills the browsers it launched when this process exits.
'use strict';
const fs = require('fs');
const { removeRunTempDir } = require('./temp-dirs');

const trackedGroups = new Set();
let signalHandlersInstalled = false;
let stopping = false;

/** A detached child (its pid is its process group id) to kill with its group on the way out. */
function trackProcessGroup(pid) {
  trackedGroups.add(pid);
}

function untrackProcessGroup(pid) {
  trackedGroups.delete(pid);
}

/** Pids of this process's live children, read from /proc/PID/stat ("pid (comm) state ppid ..."). */
function childPids() {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, parentPid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(parentPid) === process.pid && state !== 'Z') pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

function sendSignal(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Kills the tracked groups, asks the remaining children to stop (SIGTERM, so the stand-in `code`
 * can stop its own code-server and chromium), waits up to `graceMs` for them, kills what is
 * left, removes the run's temp folder and exits with `exitCode`.
 */
async function stopEverythingAndExit(exitCode, { graceMs = 10000 } = {}) {
  if (stopping) return;
  stopping = true;
  for (const pid of trackedGroups) sendSignal(-pid, 'SIGKILL');
  for (const pid of childPids()) sendSignal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (childPids().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  // Groups started while we waited (a suite already past its isStopping() check) go too.
  for (const pid of trackedGroups) sendSignal(-pid, 'SIGKILL');
  for (const pid of childPids()) sendSignal(pid, 'SIGKILL');
  removeRunTempDir();
  process.exit(exitCode);
}

/** True once stopEverythingAndExit runs: results gathered after that are the stop's, not the tests'. */
function isStopping() {
  return stopping;
}

function stopEverythingOnSignals() {
  if (signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => stopEverythingAndExit(signal === 'SIGINT' ? 130 : 143));
  }
}

/**
 * For a process started by another one (the stand-in `code` under @vscode/test-electron): stop
 * everything and exit once the parent is gone -- its pipe on our stdin closes, or we are
 * re-parented (process.ppid changes) after a SIGKILL of the parent.
 */
function stopEverythingWhenParentExits() {
  const parentPid = process.ppid;
  const parentGone = () => stopEverythingAndExit(1);
  let stdinIsPipe = false;
  try {
    stdinIsPipe = fs.fstatSync(0).isFIFO() || fs.fstatSync(0).isSocket();
  } catch {
    // no stdin
  }
  if (stdinIsPipe) {
    process.stdin.on('end', parentGone);
    process.stdin.on('close', parentGone);
    process.stdin.on('error', parentGone);
    process.stdin.resume();
    process.stdin.unref?.();
  }
  setInterval(() => {
    if (process.ppid !== parentPid) parentGone();
  }, 500).unref();
}

module.exports = { isStopping, trackProcessGroup, untrackProcessGroup, stopEverythingAndExit, stopEverythingOnSignals, stopEverythingWhenParentExits };
