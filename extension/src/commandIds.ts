/**
 * The ids of the extension's own palette commands (declared in package.json), kept apart from
 * the server's commands (`protocol.ts`), which vscode-languageclient registers under their names.
 */

export const Command = {
  authorize: 'oauthHttp.authorizeProvider',
  send: 'oauthHttp.sendRequest',
  sendAll: 'oauthHttp.sendAllRequests',
  signOut: 'oauthHttp.signOutProvider',
  selectEnvironment: 'oauthHttp.selectEnvironment',
  restart: 'oauthHttp.restartServer',
  showPanel: 'oauthHttp.showResponsePanel',
} as const;
