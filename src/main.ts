declare const CCGATE_VERSION: string | undefined;
const version = typeof CCGATE_VERSION === "string" ? CCGATE_VERSION : "dev";
if (process.argv.includes("--version")) console.log(`ccgate ${version}`);
