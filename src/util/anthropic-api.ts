// Anthropic API facts needed by both the provider (requests) and the profile credential (token
// refresh), kept here so that providers/ and credentials/ need not import each other.
export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
/** The beta that OAuth access tokens (`ant auth login` profiles) need on API requests. */
export const OAUTH_BETA = "oauth-2025-04-20";
