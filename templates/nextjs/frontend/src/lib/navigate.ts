/** Full-page navigation to another site (hosted checkout, customer portal, auth provider). */
export function redirectTo(url: string): void {
  window.location.assign(url);
}
