import * as vscode from 'vscode';
import { explainAt } from '../core/explain/index';
import { AksIamCodeActions } from './code-actions';
import type { DiagnosticsController } from './diagnostics';

/**
 * Terraform files in the editor. Plain VS Code has no terraform language (files open as plain text), so they are
 * matched by name; with a Terraform extension installed the language id is `terraform`, which the general hover
 * provider already serves, so this one stays out of its way.
 */
const TERRAFORM_FILES: vscode.DocumentFilter[] = [{ pattern: '**/*.{tf,tfvars}' }];

/**
 * Every infrastructure-code file with quick fixes: Terraform, Bicep, and `.json` files, of which only ARM templates
 * ever have findings (the provider returns nothing for the others without parsing them).
 */
const IAC_FILES: vscode.DocumentFilter[] = [{ pattern: '**/*.{tf,tfvars,bicep,bicepparam,json}' }];

export function registerIac(context: vscode.ExtensionContext, controller: DiagnosticsController): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(IAC_FILES, new AksIamCodeActions(controller), { providedCodeActionKinds: AksIamCodeActions.kinds }),
    vscode.languages.registerHoverProvider(TERRAFORM_FILES, {
      provideHover(document, position) {
        if (document.languageId === 'terraform') return undefined;
        // Role names and role definition GUIDs: what the role grants, from the same knowledge as YAML hovers.
        const hit = explainAt(document.getText(), document.offsetAt(position), document.languageId);
        if (!hit) return undefined;
        return new vscode.Hover(new vscode.MarkdownString(hit.markdown), new vscode.Range(document.positionAt(hit.start), document.positionAt(hit.end)));
      },
    }),
  );
}
