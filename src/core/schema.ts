// The classifier's structured answer. Property order is part of the contract: the model writes its
// reason before it commits to a behaviour.
export const DECISION_SCHEMA = {
  type: "object",
  properties: {
    reason: { type: "string", description: "Brief reason for the decision, always provided." },
    behavior: {
      type: "string",
      enum: ["allow", "deny", "fallthrough"],
      description: "One of allow, deny, fallthrough.",
    },
    deny_message: { type: "string", description: "Concise explanation for the agent when denying; empty otherwise." },
  },
  required: ["reason", "behavior", "deny_message"],
  additionalProperties: false,
} as const;
