// Jsonnet syntax tree.
import type { Position } from "./errors.ts";

export type Visibility = "default" | "hidden" | "forced";

export interface Param {
  name: string;
  def: Node | null;
}

export interface Bind {
  name: string;
  /** For `local f(x) = …` the params turn the bind into a function. */
  params: Param[] | null;
  body: Node;
  /** The bound name's position (duplicate-local errors point here). */
  pos: Position;
}

export interface FieldNode {
  kind: "field";
  /** Literal name, or an expression for `[e]` names. */
  name: string | Node;
  plus: boolean;
  visibility: Visibility;
  params: Param[] | null;
  body: Node;
  pos: Position;
}

export interface ObjLocal {
  kind: "local";
  bind: Bind;
}

export interface ObjAssert {
  kind: "assert";
  cond: Node;
  msg: Node | null;
  pos: Position;
}

export type Member = FieldNode | ObjLocal | ObjAssert;

export type CompSpec = { kind: "for"; name: string; expr: Node } | { kind: "if"; cond: Node };

export type Node =
  | { t: "null"; pos: Position }
  | { t: "true"; pos: Position }
  | { t: "false"; pos: Position }
  | { t: "self"; pos: Position }
  | { t: "dollar"; pos: Position }
  | { t: "str"; v: string; pos: Position }
  | { t: "num"; v: number; pos: Position }
  | { t: "var"; name: string; pos: Position }
  | { t: "array"; items: Node[]; pos: Position }
  | { t: "arraycomp"; body: Node; specs: CompSpec[]; pos: Position }
  | { t: "object"; members: Member[]; pos: Position }
  | { t: "objcomp"; locals: Bind[]; key: Node; plus: boolean; value: Node; specs: CompSpec[]; pos: Position }
  | { t: "index"; target: Node; index: Node; pos: Position }
  | { t: "superindex"; index: Node; pos: Position }
  | { t: "insuper"; key: Node; pos: Position }
  | { t: "slice"; target: Node; start: Node | null; end: Node | null; step: Node | null; pos: Position }
  | {
      t: "call";
      fn: Node;
      args: Node[];
      named: Array<{ name: string; value: Node }>;
      tailstrict: boolean;
      pos: Position;
    }
  | { t: "local"; binds: Bind[]; body: Node; pos: Position }
  | { t: "if"; cond: Node; then: Node; else: Node | null; pos: Position }
  | { t: "function"; params: Param[]; body: Node; pos: Position }
  | { t: "assert"; cond: Node; msg: Node | null; rest: Node; pos: Position }
  | { t: "error"; expr: Node; pos: Position }
  | { t: "import"; kind: "import" | "importstr" | "importbin"; path: string; pos: Position }
  | { t: "binary"; op: string; left: Node; right: Node; pos: Position }
  | { t: "unary"; op: string; expr: Node; pos: Position }
  | { t: "applybrace"; left: Node; right: Node; pos: Position };
