import { describe, expect, test } from "bun:test";
import { redact, redactValue, truncate } from "../../src/core/redact.ts";

// Each positive case: [input, the secret that must disappear].
const SECRETS: Array<[string, string]> = [
  [
    "export ANTHROPIC_API_KEY=sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789",
    "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789",
  ],
  ["curl -H 'x-api-key: sk-ant-api03-zzzzzzzzzzzzzzzzzzzzzzzz' https://api", "sk-ant-api03-zzzzzzzzzzzzzzzzzzzzzzzz"],
  ["OPENAI_API_KEY=sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZ012345 npm test", "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"],
  [
    "git clone https://ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@github.com/o/r",
    "ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  ],
  [
    "gh auth login --with-token github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
    "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
  ],
  ["aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"],
  ["aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
  ["curl -H 'Authorization: Bearer abcdef0123456789abcdef0123456789' https://x", "abcdef0123456789abcdef0123456789"],
  ["psql postgres://admin:s3cr3t-p4ss@db.example.com:5432/app", "s3cr3t-p4ss"],
  ["echo 'DB_PASSWORD=\"hunter2 with spaces\"' >> .env", "hunter2 with spaces"],
  ["STRIPE_SECRET_KEY=sk_live_51ABCDEFGHIJKLMNOPQRSTUV node server.js", "sk_live_51ABCDEFGHIJKLMNOPQRSTUV"],
  ["SLACK_TOKEN=xoxb-1234567890-abcdefghijklmnop", "xoxb-1234567890-abcdefghijklmnop"],
  ["gcloud --key AIzaSyA1234567890abcdefghijklmnopqrstuv", "AIzaSyA1234567890abcdefghijklmnopqrstuv"],
  ["mysql --password=correct-horse-battery -u root", "correct-horse-battery"],
  [
    "echo eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
  ],
  [
    "cat <<EOF > key.pem\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\nabcd\n-----END RSA PRIVATE KEY-----\nEOF",
    "MIIEowIBAAKCAQEA1234",
  ],
  [
    "npm config set //registry.npmjs.org/:_authToken npm_abcdefghijklmnopqrstuvwxyz0123456789",
    "npm_abcdefghijklmnopqrstuvwxyz0123456789",
  ],
  ["client_secret: 9f8e7d6c5b4a3210", "9f8e7d6c5b4a3210"],
];

// Text that must survive unchanged: commands an agent runs every day.
const HARMLESS = [
  "git status && git log --oneline -5",
  "npm test -- --grep 'token refresh'",
  "grep -rn 'password' src/ | wc -l",
  "ls ~/.ssh",
  "curl https://api.example.com/v1/items?page=2",
  "anthropic API error (status 401), type=authentication_error: invalid x-api-key",
  "echo $OPENAI_API_KEY | wc -c",
  "kubectl get secrets -n default",
  "const tokenizer = new Tokenizer(); // TODO",
];

describe("redact", () => {
  for (const [input, secret] of SECRETS) {
    test(`removes: ${input.slice(0, 60)}`, () => {
      const out = redact(input);
      expect(out).not.toContain(secret);
      expect(out).toContain("[REDACTED");
    });
  }
  for (const input of HARMLESS) {
    test(`keeps: ${input}`, () => {
      expect(redact(input)).toBe(input);
    });
  }
  test("redactValue walks objects and arrays and blanks secret-named keys", () => {
    const v = redactValue({
      command: "export GITHUB_TOKEN=ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
      nested: [{ api_key: "plain-looking" }],
      n: 3,
    });
    expect(JSON.stringify(v)).not.toContain("ghp_");
    expect(v.nested[0]?.api_key).toBe("[REDACTED]");
    expect(v.n).toBe(3);
  });
  test("truncate never splits a surrogate pair", () => {
    expect(truncate("ab😀cd", 3)).toBe("ab😀...");
    expect(truncate("short", 10)).toBe("short");
  });
});
