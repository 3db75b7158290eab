import { UsageError } from './args';
import { AzureRunError } from './azure-messages';
import { commands } from './commands/index';
import { InputError } from './files';
import { processIo, VERSION, type Io } from './io';

function usage(): string {
  const w = Math.max(...Object.keys(commands).map((k) => k.length));
  const list = Object.entries(commands).map(([k, c]) => `  ${k.padEnd(w)}  ${c.summary}`).join('\n');
  return `Usage: aks-iam <command> [options]\n\nCommands:\n${list}\n\nRun aks-iam <command> --help for a command's options.\n`;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const cmd = commands[name];
  if (!cmd) {
    io.err(`aks-iam: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`aks-iam ${name}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof AzureRunError) {
      io.err(`aks-iam: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof InputError) {
      io.err(`aks-iam: ${err.message}\n`);
      return 2;
    }
    io.err(`aks-iam: unexpected error: ${err instanceof Error ? err.stack : String(err)}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
