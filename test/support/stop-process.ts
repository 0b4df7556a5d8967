import type { ChildProcess } from 'node:child_process';

/**
 * Ends a server or phone a test started: asked to stop (`ask`: SIGTERM, or a command it reads), killed if it has not
 * within three seconds — with its whole process group when it leads one (Kamailio's workers).
 */
export async function stopProcess(
  child: ChildProcess | null,
  ask: (child: ChildProcess) => void = (running) => running.kill('SIGTERM'),
): Promise<void> {
  if (child === null || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  ask(child);
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
  if (child.exitCode !== null) return;
  child.kill('SIGKILL');
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Not a group leader, or already gone.
  }
}
