import { parseArgs } from 'node:util';

// The one way a command-line tool in scripts/ reads its arguments and reports a problem. Each
// declares its options (with what each does) and its arguments; parseCommand() then answers
// --help with the usage, a bad or missing argument with one line saying what is wrong and the
// usage (exit 2), and an error during the work with one line (exit 1). A stack trace is printed
// only with --debug or DEBUG set.

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One letter: `-x`. */
  short?: string;
  multiple?: boolean;
  default?: string;
  /** What the value is, in the usage: `--out PATH`. */
  value?: string;
  /** What the option does, one line. */
  help: string;
}

export interface ArgumentSpec {
  /** As the usage shows it: FILE. */
  name: string;
  help: string;
  isOptional?: boolean;
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** The npm script: `import` is run as `npm run import`. */
  script: string;
  /** What the command does, a sentence or two. */
  summary: string;
  options: O;
  arguments?: ArgumentSpec[];
  /** Example command lines. */
  examples?: string[];
  /** Environment variables it reads, and what for. */
  environment?: string[];
}

type OptionValue<S extends OptionSpec> = S['type'] extends 'boolean'
  ? boolean
  : S['multiple'] extends true
    ? string[] | undefined
    : S['default'] extends string
      ? string
      : string | undefined;

export type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: OptionValue<O[K]>;
};

const COMMON: Record<'help' | 'debug', OptionSpec> = {
  help: { type: 'boolean', short: 'h', help: 'show this help and exit' },
  debug: { type: 'boolean', help: 'show the stack trace of an error (as does DEBUG=1)' },
};

let command = 'this command';
let showStack = Boolean(process.env.DEBUG);

/** `npm run import -- FILE [--apply] [--database PATH]`. */
function synopsis(spec: CommandSpec<Record<string, OptionSpec>>): string {
  const args = (spec.arguments ?? []).map((a) => (a.isOptional ? `[${a.name}]` : a.name));
  const options = Object.entries(spec.options).map(([name, o]) => {
    const value = o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : '';
    return `[--${name}${value}]${o.multiple ? '…' : ''}`;
  });
  const rest = [...args, ...options].join(' ');
  return `npm run ${spec.script}${rest ? ` -- ${rest}` : ''}`;
}

/** `text` in lines of at most `width` characters, each after `indent`. */
function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${indent}${l}`));
}

const WIDTH = 96;

function helpText(spec: CommandSpec<Record<string, OptionSpec>>): string {
  const rows = (entries: [string, string][]) => {
    const width = Math.max(...entries.map(([left]) => left.length)) + 2;
    const indent = ' '.repeat(width + 2);
    return entries.map(
      ([left, right]) =>
        `  ${left.padEnd(width)}${wrap(right, WIDTH - width - 2, indent).join('\n')}`,
    );
  };
  const optionRows = Object.entries({ ...spec.options, ...COMMON }).map(
    ([name, o]): [string, string] => [
      `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`,
      `${o.help}${o.default !== undefined ? ` (default: ${o.default})` : ''}`,
    ],
  );
  const lines = [`Usage: ${synopsis(spec)}`, '', ...wrap(spec.summary, WIDTH)];
  if (spec.arguments?.length) {
    lines.push('', 'Arguments:', ...rows(spec.arguments.map((a) => [a.name, a.help])));
  }
  lines.push('', 'Options:', ...rows(optionRows));
  if (spec.environment?.length) {
    lines.push('', 'Environment:', ...spec.environment.map((e) => `  ${e}`));
  }
  if (spec.examples?.length) {
    lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  }
  return lines.join('\n');
}

/** The closest name within two edits, for "did you mean". */
function closest(name: string, names: string[]): string | undefined {
  const distance = (a: string, b: string) => {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) {
        row[j] = Math.min(
          previous[j]! + 1,
          row[j - 1]! + 1,
          previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
      }
      previous = row;
    }
    return previous[b.length]!;
  };
  const scored = names
    .map((candidate) => ({ candidate, d: distance(name, candidate) }))
    .filter(
      ({ candidate, d }) => d <= 2 || candidate.startsWith(name) || name.startsWith(candidate),
    )
    .sort((x, y) => x.d - y.d);
  return scored[0]?.candidate;
}

let usageLine = '';

/** A bad or missing argument: what is wrong, the usage, exit 2. */
export function usageError(message: string): never {
  console.error(`${command}: ${message}`);
  console.error(`Usage: ${usageLine}`);
  console.error(`More: ${command} -- --help`);
  process.exit(2);
}

/** The work failed (a file that is not there, a database error): one line, exit 1. */
export function fail(message: string): never {
  console.error(`${command}: ${message}`);
  process.exit(1);
}

/** Anything thrown and not caught ends the command with one line, not a stack trace. */
function reportUncaught(error: unknown) {
  if (showStack) console.error(error);
  else {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${command}: ${message.split('\n')[0]} (--debug shows where)`);
  }
  process.exit(1);
}

/** The options as node:util's parseArgs takes them; a flag not given is false. */
function parseOptions(options: Record<string, OptionSpec>) {
  return Object.fromEntries(
    Object.entries(options).map(([name, o]) => [
      name,
      {
        type: o.type,
        ...(o.short ? { short: o.short } : {}),
        ...(o.multiple ? { multiple: true } : {}),
        ...(o.default !== undefined ? { default: o.default } : {}),
        ...(o.type === 'boolean' && !o.multiple ? { default: false } : {}),
      },
    ]),
  );
}

/** The problem with the command line, if any, read from parseArgs' tokens. */
function problemOf(spec: CommandSpec<Record<string, OptionSpec>>, args: string[]): string | null {
  const options: Record<string, OptionSpec> = { ...spec.options, ...COMMON };
  const shorts = new Map(
    Object.entries(options).flatMap(([n, o]) => (o.short ? [[o.short, n]] : [])),
  );
  const { tokens } = parseArgs({
    args,
    options: parseOptions(options),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  let positionals = 0;
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      positionals += 1;
      if (positionals > (spec.arguments?.length ?? 0)) {
        return `unexpected argument ${JSON.stringify(token.value)}`;
      }
      continue;
    }
    const name = token.rawName.startsWith('--') ? token.name : shorts.get(token.name);
    const option = name === undefined ? undefined : options[name];
    if (!option || name === undefined) {
      const guess = token.rawName.startsWith('--')
        ? closest(token.name, Object.keys(options))
        : undefined;
      return `unknown option ${token.rawName}${guess ? ` (did you mean --${guess}?)` : ''}`;
    }
    if (option.type === 'string' && (token.value === undefined || token.value === '')) {
      return `--${name} needs a value (${option.value ?? 'VALUE'})`;
    }
    if (option.type === 'string' && !token.inlineValue && token.value!.startsWith('-')) {
      return `--${name} needs a value (${option.value ?? 'VALUE'}), not ${token.value} (write --${name}=${token.value} if that is the value)`;
    }
    if (option.type === 'boolean' && token.value !== undefined) {
      return `--${name} takes no value`;
    }
  }
  const required = (spec.arguments ?? []).filter((a) => !a.isOptional);
  if (positionals < required.length) return `missing ${required[positionals]!.name}`;
  return null;
}

/**
 * Reads the command line as `spec` declares it. --help prints the usage and exits 0; a problem
 * with the command line exits 2 with one line and the usage. From here on an uncaught error ends
 * the command with one line and exit 1.
 */
export function parseCommand<const O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  args: string[] = process.argv.slice(2),
): { values: OptionValues<O>; positionals: string[] } {
  const general = spec as unknown as CommandSpec<Record<string, OptionSpec>>;
  command = `npm run ${spec.script}`;
  usageLine = synopsis(general);
  process.on('uncaughtException', reportUncaught);
  process.on('unhandledRejection', reportUncaught);
  if (args.includes('--debug')) showStack = true;
  if (args.includes('--help') || args.includes('-h')) {
    console.log(helpText(general));
    process.exit(0);
  }
  const problem = problemOf(general, args);
  if (problem) usageError(problem);
  try {
    const { values, positionals } = parseArgs({
      args,
      options: parseOptions({ ...general.options, ...COMMON }),
      allowPositionals: true,
    });
    return { values: values as OptionValues<O>, positionals };
  } catch (error) {
    // What the check above did not foresee, in node's words.
    return usageError(error instanceof Error ? error.message : String(error));
  }
}

/** A whole number of at least `min`, or a usage error naming `what`. */
export function wholeNumber(value: string, what: string, min = 1): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    usageError(`${what} must be a whole number of at least ${min}, not ${JSON.stringify(value)}`);
  }
  return n;
}
