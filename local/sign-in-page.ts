import { createHash } from "node:crypto";
import type { LocalUser } from "./local-users.js";

/**
 * The pages of the local identity provider: its sign-in form, its sign-out question and its
 * messages. Plain HTML with one stylesheet of its own: no script, nothing from another site.
 */

/** Where the pages' stylesheet is served, by the provider itself. */
export const STYLESHEET_PATH = "/local-sign-in.css";

export const STYLESHEET = `body { font: 1rem/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fff; }
main { max-width: 34rem; margin: 2rem auto; padding: 0 1rem; }
.notice { border-left: 0.3rem solid #005ea2; padding: 0.5rem 1rem; background: #eef4fa; }
.field { display: flex; flex-direction: column; margin: 1rem 0; }
input { font: inherit; padding: 0.4rem; border: 1px solid #565c65; }
input[aria-invalid="true"] { border: 2px solid #b50909; }
button { font: inherit; padding: 0.5rem 1.2rem; margin-right: 0.5rem; }
.error { color: #b50909; font-weight: bold; }
table { border-collapse: collapse; margin-top: 0.5rem; }
th, td { border: 1px solid #a9aeb1; padding: 0.3rem 0.6rem; text-align: left; }
:focus-visible { outline: 3px solid #2491ff; outline-offset: 2px; }
`;

/**
 * A script-src that lets no script run: the hash of an empty one. oidc-provider writes one page
 * of its own with a script (it posts a sign-out on when no one is signed in) and adds that
 * script's hash to a script-src it finds; with none, default-src would block it and the page hang.
 */
const NO_SCRIPT = `'sha256-${createHash("sha256").update("").digest("base64")}'`;

/**
 * The headers every page goes out with. A form on these pages may lead only here and, by the
 * redirects that follow it, to the studio: browsers hold those redirects to `form-action` too.
 */
export const pageHeaders = (formTargets: readonly string[]): Readonly<Record<string, string>> => ({
  "content-security-policy": [
    "default-src 'none'",
    `script-src ${NO_SCRIPT}`,
    "style-src 'self'",
    "img-src 'self'",
    `form-action 'self' ${formTargets.join(" ")}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; "),
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
});

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

const escaped = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escaped(title)} – code-rules local sign-in</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;

const NOTICE = `<p class="notice">This is the <strong>local stand-in</strong> for your organisation's
sign-in, started by <code>npm start</code> on this machine. Deployed, the organisation's own sign-in
page takes its place, and these users do not exist there.</p>`;

const ERROR_ID = "sign-in-error";

export interface SignInPageOptions {
  /** Where the form posts. */
  readonly action: string;
  readonly users: readonly LocalUser[];
  /** The user name the last attempt gave, kept in the form after a refusal. */
  readonly username?: string;
  /** The last attempt's user name and password signed in no one. */
  readonly refused?: boolean;
}

const refusal = `<p id="${ERROR_ID}" class="error">The user name or password is wrong. Use one of
the local users below.</p>`;

const field = (id: string, label: string, attributes: string, refused: boolean): string => {
  const invalid = refused ? ` aria-invalid="true" aria-describedby="${ERROR_ID}"` : "";
  return `<div class="field"><label for="${id}">${label}</label>
<input id="${id}" name="${id}" ${attributes}${invalid}></div>`;
};

const userRow = (user: LocalUser): string =>
  `<tr><td>${escaped(user.username)}</td><td>${escaped(user.password)}</td><td>${escaped(user.name)}</td><td>${user.groups.map(escaped).join(", ")}</td></tr>`;

const usersTable = (users: readonly LocalUser[]): string => `<h2>Local users</h2>
<table>
<thead><tr><th scope="col">User name</th><th scope="col">Password</th><th scope="col">Name</th><th scope="col">Groups</th></tr></thead>
<tbody>
${users.map(userRow).join("\n")}
</tbody>
</table>`;

/** The sign-in form, with the local users and their passwords listed under it. */
export const signInPage = ({ action, users, username = "", refused = false }: SignInPageOptions) =>
  page(
    "Sign in",
    `<h1>Sign in to code-rules</h1>
${NOTICE}
${refused ? refusal : ""}
<form method="post" action="${escaped(action)}">
${field("username", "User name", `type="text" autocomplete="username" required value="${escaped(username)}"`, refused)}
${field("password", "Password", `type="password" autocomplete="current-password" required`, refused)}
<button type="submit">Sign in</button>
</form>
${usersTable(users)}`,
  );

/**
 * The question before signing out. `form` is the provider's own form (its id `op.logoutForm`, a
 * hidden token against cross-site requests); the buttons outside it submit it by that id.
 */
export const signOutPage = (form: string): string =>
  page(
    "Sign out",
    `<h1>Sign out of the local sign-in?</h1>
${NOTICE}
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
  );

/** A page that says one thing: that the sign-out is done, or why a sign-in cannot go on. */
export const messagePage = (heading: string, message: string): string =>
  page(heading, `<h1>${escaped(heading)}</h1>\n${NOTICE}\n<p>${escaped(message)}</p>`);
