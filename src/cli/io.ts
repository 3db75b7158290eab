export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  cwd: string;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: !!process.stdout.isTTY && !process.env.NO_COLOR,
  cwd: process.cwd(),
};

declare const AKS_IAM_VERSION: string | undefined;
export const VERSION: string = typeof AKS_IAM_VERSION === 'string' ? AKS_IAM_VERSION : '0.0.0-dev';
