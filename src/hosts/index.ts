// Every host ccgate answers, one descriptor each. Adding a host: a folder under hosts/ with its
// input parser, output renderer, defaults.jsonnet and host.ts, plus one entry here.
import type { Target } from "../core/types.ts";
import { claude } from "./claude/host.ts";
import { codex } from "./codex/host.ts";
import { copilot } from "./copilot/host.ts";
import { devin } from "./devin/host.ts";
import { gemini } from "./gemini/host.ts";
import type { Host } from "./types.ts";

export const HOSTS: Readonly<Record<Target, Host>> = { claude, codex, devin, gemini, copilot };

export const HOST_NAMES = Object.keys(HOSTS) as Target[];

export function isHostName(name: string | undefined): name is Target {
  return name !== undefined && Object.hasOwn(HOSTS, name);
}

export type { Host } from "./types.ts";
