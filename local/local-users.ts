import { ADMIN_GROUPS } from "../admin/deploy/deploy-names.js";

/** A person the local identity provider signs in: what Cognito would hold for them. */
export interface LocalUser {
  /** What they sign in with, and their `sub`. */
  readonly username: string;
  readonly password: string;
  /** Their `name` claim, as the studio shows it. */
  readonly name: string;
  /** Their `cognito:groups` claim. */
  readonly groups: readonly string[];
}

/**
 * The people `npm start` can sign in as: an editor, who proposes changes, and an approver, who
 * may also approve and publish them, so that one tester can play both sides of a change. Their
 * passwords are no secret: this provider answers on this machine only, and its sign-in page shows
 * them. Deployed, the organisation's own users and groups take their place.
 */
export const LOCAL_USERS: readonly LocalUser[] = [
  {
    username: "alex",
    password: "alex-local",
    name: "Alex Editor",
    groups: [ADMIN_GROUPS.editors],
  },
  {
    username: "sam",
    password: "sam-local",
    name: "Sam Approver",
    groups: [ADMIN_GROUPS.editors, ADMIN_GROUPS.approvers],
  },
];

/** The local user a user name names, in any case, as Cognito's user names are by default. */
export const findLocalUser = (username: string): LocalUser | undefined => {
  const wanted = username.trim().toLowerCase();
  return LOCAL_USERS.find((user) => user.username === wanted);
};

/** The local user these credentials sign in, or undefined when they sign in no one. */
export const signIn = (username: string, password: string): LocalUser | undefined => {
  const user = findLocalUser(username);
  return user?.password === password ? user : undefined;
};
