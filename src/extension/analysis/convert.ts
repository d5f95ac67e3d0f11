import * as vscode from 'vscode';
import type { Range, Severity, ShotDiagnostic } from '../../core';

export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toVsDiagnostic(d: ShotDiagnostic): vscode.Diagnostic {
  const diag = new vscode.Diagnostic(toVsRange(d.range), d.message, SEVERITY[d.severity]);
  diag.code = d.code;
  diag.source = 'Kling';
  if (d.code === 'kling.unknown-key' || d.code === 'kling.element-unused') {
    diag.tags = [vscode.DiagnosticTag.Unnecessary];
  }
  return diag;
}

/** The same problem as seen by VS Code and by core: code and start position identify it. */
export function sameProblem(vs: vscode.Diagnostic, d: ShotDiagnostic): boolean {
  const code = typeof vs.code === 'object' ? vs.code.value : vs.code;
  return (
    code === d.code &&
    vs.range.start.line === d.range.start.line &&
    vs.range.start.character === d.range.start.character &&
    vs.range.end.line === d.range.end.line &&
    vs.range.end.character === d.range.end.character
  );
}
