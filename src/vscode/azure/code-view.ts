import type { IacSpan } from '../../core/iac/types';
import type { CodeIdentities } from '../../core/identity/code-identities';

/** The workspace's infrastructure code as the tree shows it, and how a row opens the line it is written on. */
export interface CodeView {
  model: CodeIdentities;
  /** The command that opens the file at the span's line. */
  open(span: IacSpan): { command: string; title: string; arguments?: unknown[] };
  /** `infra/main.tf:12`, for tooltips. */
  where(span: IacSpan): string;
}
