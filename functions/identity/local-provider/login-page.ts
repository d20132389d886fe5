import type { SeededPerson } from './seeded-people';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&#39;'));

/** The local provider's own sign-in page: plain HTML, as a stand-in for an organisation's Microsoft or Google sign-in. */
export const loginPage = ({ action, people, error }: { action: string; people: readonly SeededPerson[]; error?: string }): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local identity provider: sign in</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}label{display:block;margin-top:1rem;font-weight:600}
input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}button{margin-top:1rem;font-size:1rem;padding:.5rem 1rem}.error{color:#b00020;font-weight:600}</style>
</head><body><main>
<h1>Local identity provider</h1>
<p>This stands in for your organisation's own sign-in (for example Microsoft Entra ID). It runs only in local mode.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<h2>Local accounts</h2>
<ul>${people.map((p) => `<li>${escapeHtml(p.name)}: ${escapeHtml(p.email)} (${p.memberships.length ? p.memberships.map((m) => `${escapeHtml(m.organisation)} ${m.role}`).join(', ') : 'no organisation'})</li>`).join('')}</ul>
</main></body></html>`;
