/** The fragment parameter: /shared/#r=<payload>. */
export const SHARE_PARAM = 'r';
