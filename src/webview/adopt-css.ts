/** Adopt a stylesheet without a <style> element, so the CSP needs no 'unsafe-inline'. */
export function adoptCss(css: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
