import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** How long a start may take before the test fails. */
const START_UP_SECONDS = 150;

/** The exchange as `npm start` runs it, in a child process the fault tests can kill. */
const root = join(__dirname, '..', '..');

export interface ExchangeProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves with the signal or exit code when the process ends. */
  exited: Promise<NodeJS.Signals | number | null>;
}

export const startExchangeProcess = (env: Record<string, string>): Promise<ExchangeProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--openssl-legacy-provider', '--import', 'tsx', 'functions/local/start.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', LDX_FAULT_POINT: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)));
    // Generous: a fresh start compiles the exchange from source beside whatever else loads the machine
    // (a CI run's other test files); a start that hangs still fails here.
    const timer = setTimeout(() => reject(new Error(`no start-up line within ${START_UP_SECONDS} s:\n${output}`)), START_UP_SECONDS * 1000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((how) => reject(new Error(`exited early (${how}):\n${output}`)));
  });

/** Ctrl-C, and the exit code. */
export const interrupt = async (exchange: ExchangeProcess): Promise<NodeJS.Signals | number | null> => {
  exchange.child.kill('SIGINT');
  return exchange.exited;
};
