import { CliError } from './cli-error';
import { EXIT } from './exit-codes';

/** `64MiB`, `5M`, `1048576`: a size on the command line (K, M and G are powers of 1024). */
export const parseSize = (text: string): number => {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(text.trim());
  if (!match) throw new CliError(`${text} is not a size: write e.g. 64MiB, 5M or 1048576.`, EXIT.usage);
  const power = ['', 'k', 'm', 'g'].indexOf(match[2].toLowerCase());
  return Math.round(Number(match[1]) * 1024 ** power);
};

export const parseSeconds = (text: string): number => {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CliError(`${text} is not a number of seconds.`, EXIT.usage);
  return seconds;
};
