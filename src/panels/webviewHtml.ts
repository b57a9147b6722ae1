import * as vscode from 'vscode';

/** A fresh random nonce for one render of a webview. */
export function createNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c]!);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface PageParts {
  readonly webview: vscode.Webview;
  readonly extensionUri: vscode.Uri;
  readonly title: string;
  readonly lang: string;
  /** Paths under `media/` or `dist/` of the extension. */
  readonly styles: readonly string[];
  readonly scripts: readonly string[];
  /** Trusted HTML of the page body (already rendered and escaped by us). */
  readonly body: string;
}

/**
 * The one HTML shell for every webview: strict CSP (nothing by default, scripts only by
 * nonce, styles and images only from our own resources), no inline script or handlers.
 */
export function pageHtml(parts: PageParts): string {
  const { webview, extensionUri } = parts;
  const nonce = createNonce();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} https: data:`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const asset = (path: string) => escapeHtml(webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path.split('/'))).toString());
  return `<!DOCTYPE html>
<html lang="${escapeHtml(parts.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${parts.styles.map((s) => `<link rel="stylesheet" href="${asset(s)}">`).join('\n')}
<title>${escapeHtml(parts.title)}</title>
</head>
<body>
${parts.body}
${parts.scripts.map((s) => `<script nonce="${nonce}" src="${asset(s)}"></script>`).join('\n')}
</body>
</html>`;
}
